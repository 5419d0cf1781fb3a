package dev.procward.cli.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An application that leaves 200 orphaned grandchildren: they are reparented to PID 1, and only
 * an init that reaps them keeps the container free of zombies.
 */
@ContainerTest
class ZombieReapingIT {
    private static final int ORPHANS = 200;

    @ParameterizedTest
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("dev.procward.cli.container.Anchor#inits")
    void noZombieIsLeftAfterTheOrphansExit(Anchor anchor, ProjectImage image) {
        try (var app = AppContainer.start(image, anchor, List.of(), "orphans left: " + ORPHANS,
                "/scenarios/orphans.sh", String.valueOf(ORPHANS))) {
            // Done when PID 1's only child is the application again: every orphan exited and was reaped.
            String census = Poll.until("the orphans to be reaped", AppContainer.EVENT_TIMEOUT,
                    () -> app.exec("/scenarios/census.sh").strip(), "zombies=0 children-of-pid1=1"::equals);
            assertEquals("zombies=0 children-of-pid1=1", census);
        }
    }

    /** The control: with the application itself as PID 1, every orphan stays a zombie. */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void withoutAnInitEveryOrphanStaysAZombie(ProjectImage image) {
        try (var app = AppContainer.start(image, Anchor.NONE, List.of(), "orphans left: " + ORPHANS,
                "/scenarios/orphans.sh", String.valueOf(ORPHANS))) {
            String expected = "zombies=" + ORPHANS + " children-of-pid1=" + ORPHANS;
            String census = Poll.until(ORPHANS + " zombies", AppContainer.EVENT_TIMEOUT,
                    () -> app.exec("/scenarios/census.sh").strip(), expected::equals);
            assertEquals(expected, census);
        }
    }
}
