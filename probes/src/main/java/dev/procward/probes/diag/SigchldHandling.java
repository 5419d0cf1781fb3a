package dev.procward.probes.diag;

import dev.procward.probes.ProcStatus;

/**
 * How a process handles SIGCHLD, from the SigCgt, SigIgn and SigBlk masks of its status. This
 * decides whether a parent reaps: a catcher is told when a child dies (signalfd users block the
 * signal and read it from a descriptor instead), an ignorer has its children reaped by the kernel,
 * and a default handler that never calls wait() leaks every child as a zombie.
 *
 * @param summary one word: caught, ignored, blocked or default (caught wins, then ignored, then blocked)
 * @param caught  a handler is installed
 * @param ignored SIG_IGN: the kernel reaps the children itself (no new zombies)
 * @param blocked in the blocked mask: delivery waits (or the process reads it through signalfd)
 */
public record SigchldHandling(Summary summary, boolean caught, boolean ignored, boolean blocked) {
    public static final int SIGCHLD = 17;
    private static final long BIT = 1L << (SIGCHLD - 1);

    public enum Summary { CAUGHT, IGNORED, BLOCKED, DEFAULT }

    public static SigchldHandling of(ProcStatus status) {
        return of((status.sigCgt() & BIT) != 0, (status.sigIgn() & BIT) != 0, (status.sigBlk() & BIT) != 0);
    }

    public static SigchldHandling of(boolean caught, boolean ignored, boolean blocked) {
        Summary s = caught ? Summary.CAUGHT : ignored ? Summary.IGNORED : blocked ? Summary.BLOCKED : Summary.DEFAULT;
        return new SigchldHandling(s, caught, ignored, blocked);
    }

    /** The process can learn of a child's death: it catches SIGCHLD, or blocks it to read it from a signalfd. */
    public boolean notified() {
        return caught || blocked;
    }

    @Override
    public String toString() {
        String s = summary().name().toLowerCase();
        return caught && blocked ? s + "+blocked" : s;
    }
}
