package dev.procward.cli.container;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --grace}: procward KILLs an application that ignores TERM once the grace period is over,
 * instead of leaving it to Docker's timeout. tini has no such option: with tini, Docker's own
 * timeout is the grace period, so there is no tini side to compare.
 */
@ContainerTest
class GraceIT {
    private static final Duration DOCKER_STOP_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void anApplicationIgnoringTermIsKilledWhenTheGracePeriodIsOver(ProjectImage image) {
        try (var app = AppContainer.start(image, Anchor.PROCWARD, List.of("--grace", "2s"), "ready",
                "/scenarios/ignores-term.sh")) {
            AppContainer.Stopped stopped = app.stop(DOCKER_STOP_TIMEOUT);

            assertEquals(128 + 9, stopped.exitCode(), stopped::logs);
            // Docker would KILL only after 120 s; procward did after its 2 s grace.
            assertTrue(stopped.took().compareTo(DOCKER_STOP_TIMEOUT.dividedBy(2)) < 0, () -> "took " + stopped.took());
        }
    }
}
