package dev.procward.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the loop did, for {@code --events}: one call per spawn, forwarded signal, reap and exit. */
public interface EventSink extends AutoCloseable {

    EventSink NONE = new EventSink() {};

    default void spawned(int pid, List<String> argv, int attempt) {}

    default void spawnFailed(List<String> argv, String errnoName, int exitCode) {}

    /** {@code target} is "child", "group", "orphan" or "all"; {@code pid} the pid or pgid signalled (0 for all). */
    default void forwarded(int received, int sent, String target, int pid) {}

    /** Signal dropped by a rewrite to 0, or because nothing is left to receive it. */
    default void dropped(int received, String reason) {}

    default void reaped(Kernel.Reaped reaped, boolean mainChild) {}

    default void restarting(int attempt, Duration delay, int lastStatus) {}

    default void graceExpired(Duration grace) {}

    default void exited(int exitCode) {}

    @Override
    default void close() {}

    /** A zombie's linger time for the JSON line, when known. */
    static Optional<Long> millis(Optional<Duration> d) {
        return d.map(Duration::toMillis);
    }
}
