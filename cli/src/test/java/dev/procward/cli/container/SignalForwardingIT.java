package dev.procward.cli.container;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signals from the engine reach the application through PID 1. */
@ContainerTest
class SignalForwardingIT {
    /** Docker's own stop timeout, after which it would KILL (exit 137): far beyond any wait here. */
    private static final Duration DOCKER_STOP_TIMEOUT = Duration.ofSeconds(120);

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void dockerStopRunsTheShutdownHookAndExits143(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of(), "ready", "/scenarios/shutdown-hook.sh")) {
            AppContainer.Stopped stopped = app.stop(DOCKER_STOP_TIMEOUT);

            assertTrue(stopped.logs().lines().anyMatch("hook: TERM received"::equals), stopped::logs);
            // 143 = 128 + TERM: the application died of the forwarded TERM; Docker's KILL would give 137.
            assertEquals(143, stopped.exitCode(), stopped::logs);
            assertTrue(stopped.took().compareTo(DOCKER_STOP_TIMEOUT.dividedBy(2)) < 0, () -> "took " + stopped.took());
        }
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void dockerStopExitsZeroWhen143IsRemapped(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of("-e", "143"), "ready", "/scenarios/shutdown-hook.sh")) {
            AppContainer.Stopped stopped = app.stop(DOCKER_STOP_TIMEOUT);

            assertTrue(stopped.logs().lines().anyMatch("hook: TERM received"::equals), stopped::logs);
            assertEquals(0, stopped.exitCode(), stopped::logs);
        }
    }

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void dockerKillUsr1ReachesTheApplication(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of(), "ready", "/scenarios/shutdown-hook.sh")) {
            app.kill("USR1");

            app.awaitLog("hook: USR1 received");
            assertTrue(app.exec("/scenarios/census.sh").contains("children-of-pid1=1"), "the application lives on");
        }
    }
}
