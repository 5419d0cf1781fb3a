package dev.procward.cli.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.testcontainers.DockerClientFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Dockerfile promises about the image itself. */
@ContainerTest
class ImageIT {

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theEntrypointIsProcwardInit(ProjectImage image) {
        var config = DockerClientFactory.instance().client().inspectImageCmd(image.tag()).exec().getConfig();

        assertEquals(List.of("/opt/procward/bin/procward", "init", "--"), Arrays.asList(config.getEntrypoint()));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theJavaRuntimeHoldsOnlyTheModulesProcwardNeeds(ProjectImage image) {
        AppContainer.Exit listing = AppContainer.run(image, Anchor.NONE, List.of(),
                "/opt/procward/runtime/bin/java", "--list-modules");

        Set<String> modules = listing.logs().lines().map(line -> line.replaceFirst("@.*", ""))
                .filter(line -> !line.isBlank()).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "jdk.unsupported", "jdk.httpserver"), modules, listing::logs);
    }

    /** The launcher in the image serves the inspectors too, from the bundled runtime and jar. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theInspectorsRunInTheImageFromTheBundledRuntime(ProjectImage image) {
        AppContainer.Exit ps = AppContainer.run(image, Anchor.NONE, List.of(),
                "/opt/procward/bin/procward", "ps", "-o", "pid,comm");
        assertEquals(0, ps.code(), ps::logs);
        assertTrue(ps.logs().lines().anyMatch(l -> l.matches("\\s*1 java")), ps::logs);

        AppContainer.Exit inspect = AppContainer.run(image, Anchor.NONE, List.of(),
                "/opt/procward/bin/procward", "inspect", "1", "--output", "json");
        assertEquals(0, inspect.code(), inspect::logs);
        assertTrue(inspect.logs().contains("\"identity\""), inspect::logs);
    }

    /** AOTMode=on makes the JVM refuse to start unless the cache built into the image is usable. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theInitStartsFromTheAotCacheBuiltIntoTheImage(ProjectImage image) {
        AppContainer.Exit exit = AppContainer.run(image.tag(), image, Anchor.PROCWARD, List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"), "sh", "-c", "exit 3");

        assertEquals(3, exit.code(), exit::logs);
    }
}
