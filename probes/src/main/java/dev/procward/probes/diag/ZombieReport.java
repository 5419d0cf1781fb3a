package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every zombie, grouped by the parent that has not reaped it, with the remedy that fits each
 * parent. A pure function of a snapshot taken with STAT, STATUS and CMDLINE.
 *
 * @param zombies  total zombies
 * @param parents  one entry per parent, most zombies first
 * @param headroom pid usage against kernel.pid_max and the cgroup's pids.max
 */
public record ZombieReport(int zombies, List<Parent> parents, PidHeadroom headroom) {

    /** A zombie this old under an init is not a race with its reaping: the init does not reap. */
    public static final double STALE_SECONDS = 60;

    public ZombieReport {
        parents = List.copyOf(parents);
    }

    /** What to do about one parent's zombies. */
    public enum Remedy {
        /** The parent catches SIGCHLD: a SIGCHLD may make it reap (its handler may have lost a race). */
        SEND_SIGCHLD,
        /** The parent never reaps: restart (or kill) it; its zombies then go to the adopter, which reaps them if it {@link Adoption.Adopter#reaps reaps}. */
        RESTART_PARENT,
        /** The parent is PID 1 of its namespace and does not reap: run a real init (procward init, tini). */
        REPLACE_INIT,
        /** The parent ignores SIGCHLD: these zombies predate that; restarting the parent clears them. */
        RESTART_PARENT_IGNORES
    }

    /**
     * @param pid            the parent's pid
     * @param comm           its command name
     * @param cmdline        its command line (empty when unreadable)
     * @param zombieCount    zombies it holds
     * @param zombiePids     their pids, ascending
     * @param oldestAgeSeconds age of the oldest zombie since it started (the kernel keeps no exit time)
     * @param sigchld        how the parent handles SIGCHLD; null when its status was unreadable
     * @param remedy         what to do
     * @param advice         the remedy as one sentence with the exact command
     * @param adopter        who inherits the zombies once the parent is gone, and whether it is known to reap them
     */
    public record Parent(int pid, String comm, String cmdline, int zombieCount, List<Integer> zombiePids,
                         double oldestAgeSeconds, SigchldHandling sigchld, Remedy remedy, String advice,
                         Adoption.Adopter adopter) {
        public Parent {
            zombiePids = List.copyOf(zombiePids);
        }
    }

    public static ZombieReport of(ProcessTable table, PidHeadroom headroom) {
        Map<Integer, ProcessSnapshot> byPid = table.byPid();
        Map<Integer, List<ProcessSnapshot>> byParent = new LinkedHashMap<>();
        int total = 0;
        for (ProcessSnapshot p : table.processes()) {
            if (p.state() != 'Z') continue;
            total++;
            byParent.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        List<Parent> parents = new ArrayList<>();
        for (var e : byParent.entrySet()) {
            parents.add(parent(e.getKey(), e.getValue(), byPid, table));
        }
        parents.sort(Comparator.comparingInt(Parent::zombieCount).reversed().thenComparingInt(Parent::pid));
        return new ZombieReport(total, parents, headroom);
    }

    private static Parent parent(int ppid, List<ProcessSnapshot> zombies, Map<Integer, ProcessSnapshot> byPid, ProcessTable table) {
        ProcessSnapshot parent = byPid.get(ppid);
        String comm = parent == null ? "?" : parent.comm();
        String cmdline = parent == null || parent.cmdline() == null ? "" : parent.cmdline().joined();
        SigchldHandling sig = parent == null || parent.status() == null ? null : SigchldHandling.of(parent.status());
        double oldest = 0;
        List<Integer> pids = new ArrayList<>();
        for (ProcessSnapshot z : zombies) {
            pids.add(z.pid());
            if (z.stat() != null) oldest = Math.max(oldest, table.system().ageSeconds(z.stat().startTime()));
        }
        pids.sort(null);
        boolean isInit = ppid == 1 || (parent != null && parent.ppid() == 0);
        Adoption.Adopter adopter = Adoption.of(ppid, byPid);
        Remedy remedy;
        String advice;
        if (sig != null && sig.caught()) {
            remedy = Remedy.SEND_SIGCHLD;
            advice = "It catches SIGCHLD: nudge it with 'procward signal CHLD " + ppid + "'. If the zombies stay, "
                    + "its handler does not call wait(); restart it.";
        } else if (isInit) {
            remedy = Remedy.REPLACE_INIT;
            String verdict = oldest >= STALE_SECONDS ? "does not reap" : "may not reap (if they are still there in a minute, it does not)";
            advice = "PID " + ppid + " (" + comm + ") is the init of its namespace and " + verdict + ": run the workload under "
                    + "'procward init --' or tini, or 'docker run --init'. Killing it ends the container.";
        } else if (sig != null && sig.ignored()) {
            remedy = Remedy.RESTART_PARENT_IGNORES;
            advice = "It ignores SIGCHLD now, so these zombies predate that; restart it. " + adoption(adopter);
        } else {
            remedy = Remedy.RESTART_PARENT;
            advice = "It never reaps (SIGCHLD " + (sig == null ? "unknown" : sig.toString()) + "): the parent is the bug. "
                    + "Restart it ('procward signal TERM " + ppid + "'). " + adoption(adopter);
        }
        return new Parent(ppid, comm, cmdline, zombies.size(), pids, Math.round(oldest * 100) / 100.0, sig, remedy, advice, adopter);
    }

    /** Who inherits the zombies, and whether that is known to clear them: only a known reaper is promised to. */
    static String adoption(Adoption.Adopter a) {
        String who = (a.inferred() ? "subreaper " : "PID 1 ") + a.comm() + (a.inferred() ? " (pid " + a.pid() + ")" : "");
        if (a.reaps()) return "Its zombies then pass to " + who + ", which reaps them.";
        return "Its zombies then pass to " + who + ", which is not known to reap (not a known init; SIGCHLD neither caught "
                + "nor ignored): they may stay after the restart; check with 'procward doctor'.";
    }
}
