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

    /**
     * Under Docker's default seccomp profile too, procward leaves the orphans' reaping to the
     * kernel (SIGCHLD ignored at PID 1, docs/init.md) where the kernel keeps a pidfd's exit
     * status (Linux 6.15); tini waits for each orphan itself.
     */
    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void procwardLetsTheKernelReapWhereThePidfdKeepsTheStatus(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of(), "ready", "/scenarios/shutdown-hook.sh")) {
            String release = app.exec("uname", "-r").strip();
            boolean keepsStatus = dev.procward.libc.ChildReaping.pidfdKeepsExitStatus(release);
            long ignored = Long.parseUnsignedLong(app.exec("sh", "-c", "grep SigIgn /proc/1/status | cut -f2").strip(), 16);
            boolean sigchldIgnored = (ignored & (1L << (17 - 1))) != 0;
            assertEquals(anchor == Anchor.PROCWARD && keepsStatus, sigchldIgnored,
                    () -> anchor + " at PID 1 on " + release + ", SigIgn " + Long.toHexString(ignored));
        }
    }
}
