package dev.procward.probes.spawn;

/** The spawn laboratory could not measure: a host failed to start, a spawn failed, a child leaked. */
public final class SpawnLabException extends RuntimeException {
    public SpawnLabException(String message) {
        super(message);
    }

    public SpawnLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
