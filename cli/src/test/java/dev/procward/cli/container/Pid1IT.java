package dev.procward.cli.container;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ContainerTest
class Pid1IT {

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void theInitIsPid1AndTheApplicationItsChild(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of(), "ready", "/scenarios/shutdown-hook.sh")) {
            String exe = app.exec("readlink", "/proc/1/exe").strip();
            List<String> cmdline = List.of(app.exec("cat", "/proc/1/cmdline").split("\0"));
            String census = app.exec("/scenarios/census.sh");

            assertEquals(anchor.executable(), exe);
            if (anchor == Anchor.PROCWARD) {
                // The image's own ENTRYPOINT: the launcher has exec'd the jlink'd JVM in place.
                assertTrue(cmdline.contains("init") && cmdline.contains("/scenarios/shutdown-hook.sh")
                        && String.join(" ", cmdline).contains("/opt/procward/"), () -> "PID 1 is " + cmdline);
            } else {
                assertEquals(anchor.executable(), cmdline.getFirst());
            }
            assertTrue(census.contains("children-of-pid1=1"), () -> "the application is PID 1's only child: " + census);
        }
    }
}
