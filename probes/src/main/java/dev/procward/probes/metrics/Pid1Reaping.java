package dev.procward.probes.metrics;

import dev.procward.probes.ProcStatus;

/**
 * Whether PID 1 reaps, judged from its signal dispositions in {@code status}: an init that reaps
 * either catches SIGCHLD (systemd, bash), ignores it (the kernel then reaps for it), or blocks it
 * to read it synchronously (tini with sigtimedwait, procward init with signalfd). An application
 * that runs as PID 1 by accident does none of these, and every orphan's zombie stays.
 */
public final class Pid1Reaping {
    private Pid1Reaping() {}

    private static final int SIGCHLD = 17;
    private static final long SIGCHLD_BIT = 1L << (SIGCHLD - 1);

    public static boolean reaps(ProcStatus pid1) {
        return ((pid1.sigCgt() | pid1.sigIgn() | pid1.sigBlk()) & SIGCHLD_BIT) != 0;
    }
}
