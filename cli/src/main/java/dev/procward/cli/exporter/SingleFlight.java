package dev.procward.cli.exporter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Shares one expensive computation between concurrent callers. While a load runs, every caller
 * waits for that same load; a finished result is reused for {@code reuseWindow} after it was
 * taken. This is what makes one /proc snapshot serve every scrape that arrives together, so two
 * Prometheus replicas scraping at once cost one walk of /proc, not two.
 */
public final class SingleFlight<T> {

    private record Flight<T>(CompletableFuture<T> result, long finishedAtNanos) {}

    private final Supplier<T> loader;
    private final long reuseWindowNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private CompletableFuture<T> inFlight;
    private Flight<T> last;
    private long loads;
    private int waiting;

    public SingleFlight(Supplier<T> loader, Duration reuseWindow) {
        this(loader, reuseWindow, System::nanoTime);
    }

    SingleFlight(Supplier<T> loader, Duration reuseWindow, LongSupplier clock) {
        this.loader = loader;
        this.reuseWindowNanos = reuseWindow.toNanos();
        this.clock = clock;
    }

    /** The shared result; a loader failure reaches every caller that waited on that load. */
    public T get() {
        CompletableFuture<T> mine;
        boolean leader = false;
        synchronized (lock) {
            if (last != null && clock.getAsLong() - last.finishedAtNanos() < reuseWindowNanos) {
                return join(last.result());
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            mine = inFlight;
            waiting++;
        }
        try {
            if (leader) {
                load(mine);
            }
            return join(mine);
        } finally {
            synchronized (lock) {
                waiting--;
            }
        }
    }

    /** How many loads ran: fewer than the calls when sharing works. */
    public long loads() {
        synchronized (lock) {
            return loads;
        }
    }

    /** Callers currently inside {@link #get} for a load in progress (for tests and diagnostics). */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    private void load(CompletableFuture<T> flight) {
        synchronized (lock) {
            loads++;
        }
        try {
            flight.complete(loader.get());
        } catch (RuntimeException | Error e) {
            flight.completeExceptionally(e);
        } finally {
            synchronized (lock) {
                inFlight = null;
                // A failed load is not reused: the next scrape tries again.
                last = flight.isCompletedExceptionally() ? null : new Flight<>(flight, clock.getAsLong());
            }
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a shared snapshot", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
