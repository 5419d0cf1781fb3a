package dev.procward.probes.spawn;

/**
 * A parent process that spawns on request: it holds its own parent memory, spawns the target
 * {@code count} times with one method, reaps every child, and returns each spawn's latency in
 * nanoseconds, measured inside the parent from before creation to after the reap.
 */
public sealed interface SpawnHost extends AutoCloseable permits InProcessHost, RemoteHost {

    /** The pid of the parent that spawns. */
    long pid();

    long[] spawn(Method method, Target target, int count);

    /** Children of this host not yet reaped (live or zombie); 0 once every spawn was reaped. */
    int unreapedChildren();

    @Override
    void close();
}
