package dev.procward.probes.diag;

import dev.procward.probes.kernel.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StuckSampler#sample} takes about hz × duration sweeps, the first at once. The sweeps are
 * of an empty root, so they cost next to nothing; the paced tests count them on a clock of their
 * own, which moves only when the sampler sleeps (and, to model a slow sweep, by a fixed cost per sweep).
 */
@Timeout(120) // a hang guard, not a timing: a loop that sweeps until the clock passes the end never ends on a clock that stands still
class StuckSamplerPacingTest {
    @TempDir
    Path emptyRoot;

    /** Time moves when the sampler sleeps and, after every sweep, by {@code sweepCost}. */
    private static final class FakeClock implements StuckSampler.Clock {
        private final long sweepCost;
        private long now;
        private boolean started;

        FakeClock(Duration sweepCost) {
            this.sweepCost = sweepCost.toNanos();
        }

        @Override
        public long nanoTime() {
            // The sampler reads the clock once at the start and once after each sweep.
            if (started) now += sweepCost;
            started = true;
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            assertTrue(nanos > 0, "sleeps forward");
            now += nanos;
        }
    }

    private int sweeps(double hz, Duration duration, Duration sweepCost) throws InterruptedException {
        var sampler = new StuckSampler(emptyRoot, StuckSampler.UNINTERRUPTIBLE, false, -1, SyscallTable.host())
                .clock(new FakeClock(sweepCost));
        return sampler.sample(hz, duration).size();
    }

    @Test
    void takesHzTimesDurationSweepsCountingTheOneAtTheStart() throws InterruptedException {
        assertEquals(10, sweeps(10, Duration.ofSeconds(1), Duration.ZERO));
        assertEquals(2, sweeps(2, Duration.ofSeconds(1), Duration.ZERO));
        assertEquals(3, sweeps(3, Duration.ofSeconds(1), Duration.ZERO), "a period of 1/3 s does not round into a 4th sweep");
        assertEquals(50, sweeps(10, Duration.ofSeconds(5), Duration.ZERO));
        assertEquals(1, sweeps(0.5, Duration.ofSeconds(1), Duration.ZERO), "at least the first sweep");
        assertEquals(1, sweeps(10, Duration.ZERO, Duration.ZERO));
    }

    @Test
    void aSlowSweepSkipsTheTicksItMissedInsteadOfCatchingUp() throws InterruptedException {
        // Sweeps of 250 ms at 10 Hz: at 0, 300, 600 and 900 ms; the tick at 1200 ms is past the end.
        assertEquals(4, sweeps(10, Duration.ofSeconds(1), Duration.ofMillis(250)));
        // Sweeps longer than the whole duration: just the first.
        assertEquals(1, sweeps(10, Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void onTheSystemClockTheCountStaysNearHzTimesDuration() throws InterruptedException {
        // Cheap sweeps must not fill the time after the last tick (74 sweeps at 10 Hz over 1 s did).
        // The lower bound is loose: only a machine stalled for hundreds of ms would skip ticks.
        int n = new StuckSampler(emptyRoot, StuckSampler.UNINTERRUPTIBLE, false, -1, SyscallTable.host())
                .sample(10, Duration.ofSeconds(1)).size();
        assertTrue(n >= 5 && n <= 10, n + " sweeps at 10 Hz over 1 s");
    }
}
