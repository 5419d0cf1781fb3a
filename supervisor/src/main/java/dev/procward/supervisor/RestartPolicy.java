package dev.procward.supervisor;

import java.time.Duration;

/**
 * When the main child is started again after it exits. The delay before restart n (counted from
 * 1) is {@code initialDelay * 2^(n-1)}, capped at {@code maxDelay}; it starts over after a run
 * that lasted at least {@code stableAfter}.
 */
public record RestartPolicy(Mode mode, int maxRestarts, Duration initialDelay, Duration maxDelay, Duration stableAfter) {

    public enum Mode { NO, ON_FAILURE, ALWAYS }

    public static final RestartPolicy NEVER = new RestartPolicy(Mode.NO, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public static RestartPolicy of(Mode mode, int maxRestarts) {
        return new RestartPolicy(mode, maxRestarts, Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    public RestartPolicy {
        if (maxRestarts < 0) throw new IllegalArgumentException("max restarts must be >= 0");
    }

    /** Whether a child that ended with (remapped) {@code exitCode} is started again after {@code restartsSoFar}. */
    public boolean restarts(int exitCode, int restartsSoFar) {
        boolean wanted = switch (mode) {
            case NO -> false;
            case ON_FAILURE -> exitCode != 0;
            case ALWAYS -> true;
        };
        return wanted && restartsSoFar < maxRestarts;
    }

    /** The delay before restart number {@code n} (1-based) in the current unstable streak. */
    public Duration delayBefore(int n) {
        Duration d = initialDelay;
        for (int i = 1; i < n && d.compareTo(maxDelay) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
