package dev.procward.cli.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second way to use procward (docs/container.md): copy /opt/procward into another glibc image,
 * as people do with tini, and make it the entrypoint.
 */
@ContainerTest
class CopyIntoImageIT {

    @Test
    void procwardCopiedIntoAnotherImageRunsAsItsInit(ProjectImage image, @TempDir Path context)
            throws IOException {
        Files.writeString(context.resolve("Dockerfile"), """
                ARG PROCWARD_IMAGE
                ARG BASE_IMAGE
                FROM ${PROCWARD_IMAGE} AS procward
                FROM ${BASE_IMAGE}
                COPY --from=procward /opt/procward /opt/procward
                ENTRYPOINT ["/opt/procward/bin/procward", "init", "--"]
                """);
        String tag = "procward-it-copied:" + image.runId();
        DockerCli.run(Duration.ofMinutes(5), null, "build", "--force-rm",
                "--label", ProjectImage.LABEL + "=container-it", "--label", ProjectImage.RUN_LABEL + "=" + image.runId(),
                "--build-arg", "PROCWARD_IMAGE=" + image.tag(), "--build-arg", "BASE_IMAGE=" + image.runtimeBase(),
                "-t", tag, context.toString()).orFail("docker build of an image with procward copied in");
        try {
            AppContainer.Exit exit = AppContainer.run(tag, image, Anchor.PROCWARD, List.of(), Map.of(),
                    "sh", "-c", "readlink /proc/1/exe; exit 7");

            assertEquals(7, exit.code(), exit::logs);
            assertTrue(exit.logs().lines().anyMatch(Anchor.PROCWARD.executable()::equals), () -> "PID 1 is procward's JVM: " + exit.logs());
        } finally {
            DockerCli.run(Duration.ofMinutes(1), null, "rmi", "-f", tag);
        }
    }
}
