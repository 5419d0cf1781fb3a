package dev.procward.cli.container;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition by polling: generous deadlines, no timing assumptions. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private Poll() {}

    /** The first probed value that is {@code done}; fails with the last value after the timeout. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
            last = probe.get();
        }
        return last;
    }
}
