package dev.procward.cli.exporter;

import dev.procward.probes.metrics.DStateTally;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs the D-state sampler at a low fixed rate on one daemon thread, independent of scrapes:
 * a pile-up that lasts between two scrapes is still seen. A failed sample is counted and skipped;
 * sampling goes on.
 */
public final class DStateSampling implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final AtomicLong failures = new AtomicLong();

    private DStateSampling(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static DStateSampling start(double hz, Supplier<List<DStateTally.Observation>> sampler, DStateTally tally) {
        if (!(hz > 0) || hz > 100) {
            throw new IllegalArgumentException("sample rate must be above 0 and at most 100 Hz, got " + hz);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "procward-dstate-sampler");
            t.setDaemon(true);
            return t;
        });
        DStateSampling s = new DStateSampling(timer);
        long periodMicros = Math.round(1_000_000 / hz);
        timer.scheduleAtFixedRate(() -> {
            try {
                tally.record(sampler.get());
            } catch (RuntimeException e) {
                s.failures.incrementAndGet();
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return s;
    }

    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
