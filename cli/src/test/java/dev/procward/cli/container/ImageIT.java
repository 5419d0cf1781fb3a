package dev.procward.cli.container;

import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the Dockerfile promises about the image itself. */
@ContainerTest
class ImageIT {

    @Test
    void theEntrypointIsProcwardInit(ProjectImage image) {
        var config = DockerClientFactory.instance().client().inspectImageCmd(image.tag()).exec().getConfig();

        assertEquals(List.of("/opt/procward/bin/procward", "init", "--"), Arrays.asList(config.getEntrypoint()));
    }

    @Test
    void theJavaRuntimeHoldsOnlyTheModulesProcwardNeeds(ProjectImage image) {
        AppContainer.Exit listing = AppContainer.run(image, Anchor.NONE, List.of(),
                "/opt/procward/runtime/bin/java", "--list-modules");

        Set<String> modules = listing.logs().lines().map(line -> line.replaceFirst("@.*", ""))
                .filter(line -> !line.isBlank()).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "jdk.unsupported", "jdk.httpserver"), modules, listing::logs);
    }

    /** AOTMode=on makes the JVM refuse to start unless the cache built into the image is usable. */
    @Test
    void theInitStartsFromTheAotCacheBuiltIntoTheImage(ProjectImage image) {
        AppContainer.Exit exit = AppContainer.run(image.tag(), image, Anchor.PROCWARD, List.of(),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"), "sh", "-c", "exit 3");

        assertEquals(3, exit.code(), exit::logs);
    }
}
