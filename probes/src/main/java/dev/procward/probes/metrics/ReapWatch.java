package dev.procward.probes.metrics;

import dev.procward.probes.ProcStatus;
import dev.procward.probes.diag.DoctorReport;
import dev.procward.probes.diag.SigchldHandling;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether PID 1 reaps, from what it does and from what it could do.
 * <ul>
 *   <li>Behaviour first: a zombie child of PID 1 still there at the next snapshot was not reaped
 *       for a whole scrape interval, so PID 1 does not reap.</li>
 *   <li>Otherwise, ability: PID 1 is an init the doctor knows to reap
 *       ({@link DoctorReport#REAPING_INITS}), or it can learn of its children's deaths: it catches SIGCHLD
 *       (systemd, dumb-init, bash), ignores it (the kernel reaps), blocks it to read a signalfd
 *       (catatonit, procward init), or sleeps in {@code sigtimedwait} for it (tini, which leaves
 *       its mask empty while it waits, so the masks alone miss it).</li>
 * </ul>
 * A zombie is identified by pid and start time, so a recycled pid is a new zombie.
 */
public final class ReapWatch {

    public record ZombieKey(int pid, long startTicks) {}

    private Set<ZombieKey> previous = Set.of();

    /** Records this snapshot's zombie children of PID 1 and judges PID 1. */
    public synchronized boolean reaps(String comm, ProcStatus pid1, String pid1Wchan, Set<ZombieKey> zombieChildren) {
        Set<ZombieKey> stale = new HashSet<>(zombieChildren);
        stale.retainAll(previous);
        previous = Set.copyOf(zombieChildren);
        return stale.isEmpty() && (DoctorReport.REAPING_INITS.contains(comm) || canLearnOfChildDeaths(pid1, pid1Wchan));
    }

    static boolean canLearnOfChildDeaths(ProcStatus status, String wchan) {
        SigchldHandling h = SigchldHandling.of(status);
        return h.notified() || h.ignored() || (wchan != null && wchan.startsWith("do_sigtimedwait"));
    }
}
