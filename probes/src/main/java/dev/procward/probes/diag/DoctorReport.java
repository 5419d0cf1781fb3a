package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.kernel.CgroupResources;
import dev.procward.probes.kernel.OomKills;
import dev.procward.probes.kernel.OomScore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-screen health report: each check gives a {@link Finding} with a severity and a remedy;
 * the worst severity sums the report up. A pure function of {@link DoctorInputs}.
 *
 * @param worst    the highest severity among the findings
 * @param findings in a fixed order: pid1, zombies, dstate, pids, fds, memory, cgroup-memory,
 *                 oom-risk, load, oom-kills
 * @param facts    the numbers behind the findings (for scripts and metrics)
 * @param topPss   the largest processes by PSS
 * @param zombies  the zombie report the zombie finding is drawn from
 */
public record DoctorReport(Severity worst, List<Finding> findings, Facts facts, List<MemoryUser> topPss,
                           ZombieReport zombies) {

    public DoctorReport {
        findings = List.copyOf(findings);
        topPss = List.copyOf(topPss);
    }

    /** Process names that are an init which reaps every orphan. */
    public static final Set<String> REAPING_INITS = Set.of(
            "systemd", "init", "tini", "docker-init", "dumb-init", "catatonit", "procward", "s6-svscan",
            "runit", "openrc-init", "busybox", "upstart", "launchd", "runit-init", "sinit", "minit");

    /**
     * Whether a process reaps the orphans it adopts: a known init, or one that catches SIGCHLD (it
     * is told when orphans die) or ignores it (the kernel reaps them). The doctor's PID 1 check
     * and the zombie report's adopter both decide with this.
     *
     * @param sigchld how it handles SIGCHLD; null when its status was unreadable
     */
    public static boolean reapsOrphans(String comm, SigchldHandling sigchld) {
        return REAPING_INITS.contains(comm) || (sigchld != null && (sigchld.caught() || sigchld.ignored()));
    }

    /**
     * @param inContainer      the reader is in a container
     * @param containerSigns   why we think so
     * @param pid1Comm         PID 1's command name
     * @param pid1Sigchld      how PID 1 handles SIGCHLD; null when unreadable
     * @param processes        processes in the root
     * @param tasks            threads in the root
     * @param zombies          zombies
     * @param dThreads         threads seen in D in at least half of the sample sweeps
     * @param pidMax           kernel.pid_max (-1 unknown)
     * @param cgroupPids       the reader's cgroup pids usage (null without a pids controller)
     * @param filesAllocated   file handles in use (-1 unknown)
     * @param fileMax          fs.file-max (-1 unknown)
     * @param cgroupMemory     the reader's cgroup memory usage (null without a memory controller)
     * @param load1            1-minute load average (-1 unknown)
     * @param cpus             CPUs (-1 unknown)
     * @param oomKillsInLog    OOM kills in the kernel log (-1 when the log was unreadable)
     * @param oomKillsCgroup   memory.events / memory.oom_control oom_kill of the reader's cgroup (-1 unknown)
     * @param kernelLogGap     why the kernel log could not be read, or null
     */
    public record Facts(boolean inContainer, List<String> containerSigns, String pid1Comm, SigchldHandling pid1Sigchld,
                        int processes, long tasks, int zombies, int dThreads, long pidMax,
                        CgroupResources.Counter cgroupPids, long filesAllocated, long fileMax,
                        CgroupResources.Counter cgroupMemory, double load1, int cpus, int oomKillsInLog,
                        long oomKillsCgroup, String kernelLogGap) {
        public Facts {
            containerSigns = List.copyOf(containerSigns);
        }
    }

    /**
     * @param pssKb       proportional set size (RSS-based estimate when smaps_rollup was unreadable)
     * @param oomScore    the kernel's badness (-1 unknown)
     * @param oomScoreAdj -1000..1000 (0 when unknown)
     */
    public record MemoryUser(int pid, String comm, String cmdline, long pssKb, long rssKb, int oomScore, int oomScoreAdj) {}

    public static DoctorReport of(DoctorInputs in) {
        var table = in.table();
        Map<Integer, ProcessSnapshot> byPid = table.byPid();
        long tasks = 0;
        for (ProcessSnapshot p : table.processes()) {
            tasks += p.stat() != null ? Math.max(1, p.stat().numThreads()) : 1;
        }
        CgroupResources.Usage cg = in.ownCgroup() == null ? new CgroupResources.Usage("none", null, null, null) : in.ownCgroup();
        var headroom = new PidHeadroom(table.processes().size(), tasks, in.pidMax(), cg.pids());
        ZombieReport zombies = ZombieReport.of(table, headroom);

        ProcessSnapshot pid1 = byPid.get(1);
        SigchldHandling pid1Sig = pid1 == null || pid1.status() == null ? null : SigchldHandling.of(pid1.status());
        String pid1Comm = pid1 == null ? "?" : pid1.comm();

        List<Finding> f = new ArrayList<>();
        f.add(pid1(pid1Comm, pid1Sig, zombies, in));
        f.add(zombiesFinding(zombies));
        int dThreads = persistentD(in.dSample());
        f.add(dstate(in.dSample(), dThreads));
        f.add(pids(headroom));
        f.add(fds(in));
        List<MemoryUser> top = topPss(in);
        f.add(memory(top, table.system().memTotalKb()));
        f.add(cgroupMemory(cg, in.heavyCgroups()));
        f.add(oomRisk(top));
        f.add(load(in, dThreads));
        int logKills = in.kernelLog().present() ? in.kernelLog().orElse(List.of()).size() : -1;
        f.add(oomKills(in, cg, table.system().uptimeSeconds()));

        Severity worst = Severity.OK;
        for (Finding x : f) worst = worst.max(x.severity());
        var facts = new Facts(in.container().inContainer(), in.container().signs(), pid1Comm, pid1Sig,
                table.processes().size(), tasks, zombies.zombies(), dThreads, in.pidMax(), cg.pids(),
                in.fileNr() == null ? -1 : in.fileNr().inUse(), in.fileNr() == null ? -1 : in.fileNr().max(),
                cg.memory(), in.loadavg() == null ? -1 : in.loadavg().one(), table.system().cpuCount(), logKills,
                cg.oomKills() == null ? -1 : cg.oomKills(),
                in.kernelLog().present() ? null : in.kernelLog().gapReason().name().toLowerCase());
        return new DoctorReport(worst, f, facts, top, zombies);
    }

    // ---- checks ---------------------------------------------------------------------------

    private static Finding pid1(String comm, SigchldHandling sig, ZombieReport zombies, DoctorInputs in) {
        String where = in.container().inContainer() ? "in a container" : "on the host";
        ZombieReport.Parent under1 = zombies.parents().stream().filter(p -> p.pid() == 1).findFirst().orElse(null);
        boolean knownInit = REAPING_INITS.contains(comm);
        String handling = sig == null ? "SIGCHLD unknown" : "SIGCHLD " + sig;
        if (under1 != null && under1.oldestAgeSeconds() >= ZombieReport.STALE_SECONDS) {
            return new Finding("pid1", Severity.CRITICAL,
                    "PID 1 (" + comm + ", " + handling + ", " + where + ") is not reaping: " + under1.zombieCount()
                            + " zombie(s) under it, oldest " + (long) under1.oldestAgeSeconds() + "s",
                    "Run the workload under an init that reaps: 'procward init -- CMD', tini, or 'docker run --init'.");
        }
        if (knownInit) {
            return new Finding("pid1", Severity.OK, "PID 1 is " + comm + " (" + handling + ", " + where + "): an init that reaps", "");
        }
        if (reapsOrphans(comm, sig)) {
            return new Finding("pid1", Severity.OK, "PID 1 is " + comm + " (" + handling + ", " + where
                    + "): it " + (sig.ignored() ? "lets the kernel reap orphans" : "is told when orphans die"), "");
        }
        return new Finding("pid1", in.container().inContainer() ? Severity.WARNING : Severity.INFO,
                "PID 1 is " + comm + " (" + handling + ", " + where + "): not a known init; it reaps orphans only if it polls wait()",
                "If zombies appear under PID 1, run the workload under 'procward init --' or tini.");
    }

    private static Finding zombiesFinding(ZombieReport z) {
        if (z.zombies() == 0) return new Finding("zombies", Severity.OK, "No zombies", "");
        ZombieReport.Parent worst = z.parents().getFirst();
        long limit = z.headroom().pidMax() > 0 ? z.headroom().pidMax() : Long.MAX_VALUE;
        if (z.headroom().cgroupPids() != null && z.headroom().cgroupPids().max() != null) {
            limit = Math.min(limit, z.headroom().cgroupPids().max());
        }
        double share = limit == Long.MAX_VALUE ? 0 : (double) z.zombies() / limit;
        Severity s = z.zombies() >= 100 || share >= 0.05 ? Severity.CRITICAL : Severity.WARNING;
        return new Finding("zombies", s, z.zombies() + " zombie(s) under " + z.parents().size() + " parent(s); most under "
                + worst.pid() + " " + worst.comm() + " (" + worst.zombieCount() + ")", worst.advice());
    }

    /** Threads in D in at least half the sweeps: a brief D for disk I/O is normal, a lasting one is not. */
    static int persistentD(List<StuckSampler.Sweep> sweeps) {
        if (sweeps.isEmpty()) return 0;
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (var s : sweeps) for (var a : s.active()) if (a.state() == 'D') seen.merge(a.tid(), 1, Integer::sum);
        int need = (sweeps.size() + 1) / 2;
        return (int) seen.values().stream().filter(n -> n >= need).count();
    }

    private static Finding dstate(List<StuckSampler.Sweep> sweeps, int persistent) {
        if (sweeps.isEmpty()) return new Finding("dstate", Severity.INFO, "D-state sample not taken", "");
        ThreadActivity example = null;
        for (var s : sweeps) for (var a : s.active()) if (a.state() == 'D') example = a;
        if (persistent == 0) {
            return new Finding("dstate", Severity.OK, "No thread stuck in D state (" + sweeps.size() + " sweeps)", "");
        }
        String what = example == null ? "" : "; e.g. " + example.pid() + "/" + example.tid() + " " + example.comm()
                + " in " + example.syscall() + (example.wchan().equals("-") ? "" : " at " + example.wchan())
                + (example.file() == null ? "" : " on " + example.file().path()
                + (example.file().fsType() == null ? "" : " (" + example.file().fsType()
                + (example.file().network() ? ", network" : "") + (example.file().fuse() ? ", FUSE" : "") + ")"));
        return new Finding("dstate", persistent >= 10 ? Severity.CRITICAL : Severity.WARNING,
                persistent + " thread(s) stuck in D state" + what,
                "Find what they wait on with 'procward stuck -g comm,syscall,wchan,file'; SIGKILL cannot end them, fix the device, server or FUSE daemon.");
    }

    private static Severity byFraction(double f) {
        return f >= 0.9 ? Severity.CRITICAL : f >= 0.75 ? Severity.WARNING : Severity.OK;
    }

    private static Finding pids(PidHeadroom h) {
        double f = h.worstFraction();
        String s = "PIDs: " + h.tasks() + " tasks" + (h.pidMax() > 0 ? " of pid_max " + h.pidMax() : "")
                + (h.cgroupPids() != null ? ", cgroup " + h.cgroupPids().current() + " of pids.max "
                + (h.cgroupPids().max() == null ? "unlimited" : h.cgroupPids().max()) : "")
                + " (" + Math.round(f * 100) + "% used)";
        Severity sev = byFraction(f);
        return new Finding("pids", sev, s, sev == Severity.OK ? ""
                : "Find who forks or leaks threads ('procward tree -p'), reap zombies ('procward zombies'), or raise kernel.pid_max / pids.max.");
    }

    private static Finding fds(DoctorInputs in) {
        if (in.fileNr() == null) return new Finding("fds", Severity.INFO, "File handles: fs/file-nr unreadable", "");
        double f = in.fileNr().max() > 0 ? (double) in.fileNr().inUse() / in.fileNr().max() : 0;
        Severity sev = byFraction(f);
        return new Finding("fds", sev, "File handles: " + in.fileNr().inUse() + " of file-max " + in.fileNr().max()
                + " (" + (f < 0.01 && f > 0 ? "<1" : Long.toString(Math.round(f * 100))) + "% used)",
                sev == Severity.OK ? "" : "Find the process holding most descriptors (ls /proc/*/fd | wc -l) or raise fs.file-max.");
    }

    private static List<MemoryUser> topPss(DoctorInputs in) {
        List<MemoryUser> out = new ArrayList<>();
        for (ProcessSnapshot p : in.heavy()) {
            OomScore s = in.oomScores().get(p.pid());
            long rssKb = p.memory() != null ? p.memory().rss() : p.stat() == null ? 0 : p.stat().rss() * 4;
            out.add(new MemoryUser(p.pid(), p.comm(), p.cmdline() == null ? "" : p.cmdline().joined(),
                    DoctorProbe.pss(p), rssKb, s == null ? -1 : s.score(), s == null ? 0 : s.adj()));
        }
        return out;
    }

    private static Finding memory(List<MemoryUser> top, long memTotalKb) {
        if (top.isEmpty()) return new Finding("memory", Severity.INFO, "Memory: no process readable", "");
        MemoryUser first = top.getFirst();
        String share = memTotalKb > 0 ? String.format(" (%.0f%% of RAM)", 100.0 * first.pssKb() / memTotalKb) : "";
        Severity s = memTotalKb > 0 && first.pssKb() > memTotalKb * 0.8 ? Severity.WARNING : Severity.OK;
        return new Finding("memory", s, "Largest by PSS: " + first.pid() + " " + first.comm() + " " + first.pssKb() / 1024 + " MiB" + share,
                s == Severity.OK ? "" : "One process holds most of RAM: check it for a leak before the OOM killer does.");
    }

    private static Finding cgroupMemory(CgroupResources.Usage own, Map<String, CgroupResources.Usage> others) {
        CgroupResources.Counter worst = own.memory();
        for (var u : others.values()) {
            if (u.memory() != null && u.memory().fraction() > (worst == null ? -1 : worst.fraction())) worst = u.memory();
        }
        if (worst == null) return new Finding("cgroup-memory", Severity.INFO, "Cgroup memory: no memory controller readable", "");
        if (worst.max() == null) {
            return new Finding("cgroup-memory", Severity.OK, "Cgroup memory: no limit on " + worst.cgroup(), "");
        }
        double f = worst.fraction();
        Severity s = f >= 0.95 ? Severity.CRITICAL : f >= 0.85 ? Severity.WARNING : Severity.OK;
        return new Finding("cgroup-memory", s, "Cgroup " + worst.cgroup() + " uses " + worst.current() / (1024 * 1024) + " of "
                + worst.max() / (1024 * 1024) + " MiB (" + Math.round(f * 100) + "%)",
                s == Severity.OK ? "" : "Near its limit the kernel reclaims hard and then OOM-kills inside it: raise memory.max or find the growth.");
    }

    private static Finding oomRisk(List<MemoryUser> top) {
        MemoryUser next = null;
        MemoryUser shielded = null;
        for (MemoryUser m : top) {
            if (m.oomScore() >= 0 && (next == null || m.oomScore() > next.oomScore())) next = m;
            if (m.oomScoreAdj() <= -900 && (shielded == null || m.pssKb() > shielded.pssKb())) shielded = m;
        }
        if (next == null) return new Finding("oom-risk", Severity.INFO, "OOM scores unreadable", "");
        String s = "Next OOM victim: " + next.pid() + " " + next.comm() + " (oom_score " + next.oomScore()
                + ", adj " + next.oomScoreAdj() + ")";
        if (shielded != null && shielded.pssKb() >= 512 * 1024) {
            return new Finding("oom-risk", Severity.WARNING, s + "; " + shielded.pid() + " " + shielded.comm() + " holds "
                    + shielded.pssKb() / 1024 + " MiB with oom_score_adj " + shielded.oomScoreAdj() + " (never killed)",
                    "A large process shielded from the OOM killer makes it kill everything else: lower its protection or cap it with a cgroup limit.");
        }
        return new Finding("oom-risk", Severity.OK, s, "");
    }

    private static Finding load(DoctorInputs in, int dThreads) {
        var l = in.loadavg();
        int cpus = in.table().system().cpuCount();
        if (l == null || cpus <= 0) return new Finding("load", Severity.INFO, "Load: /proc/loadavg or CPU count unreadable", "");
        double per = l.one() / cpus;
        String s = String.format("Load %.2f %.2f %.2f on %d CPU%s (%.1f per CPU)", l.one(), l.five(), l.fifteen(), cpus,
                cpus == 1 ? "" : "s", per);
        if (per < 1.5) return new Finding("load", Severity.OK, s, "");
        Severity sev = per >= 4 ? Severity.CRITICAL : Severity.WARNING;
        String why = dThreads > 0 ? "; " + dThreads + " thread(s) in D count towards it: waiting, not CPU" : "";
        return new Finding("load", sev, s + why, dThreads > 0
                ? "Look at the D-state threads ('procward stuck'): load from I/O waits does not go away with more CPU."
                : "The CPUs are saturated: find the busiest processes ('procward ps --interval 1s').");
    }

    private static Finding oomKills(DoctorInputs in, CgroupResources.Usage cg, double uptime) {
        long cgKills = cg.oomKills() == null ? 0 : cg.oomKills();
        List<OomKills.OomKill> kills = in.kernelLog().orElse(List.of());
        List<OomKills.OomKill> recent = kills.stream()
                .filter(k -> k.secondsSinceBoot() < 0 || uptime - k.secondsSinceBoot() <= 3600).toList();
        String logPart = in.kernelLog().present()
                ? kills.size() + " OOM kill(s) in the kernel log, " + recent.size() + " in the last hour"
                : "kernel log unreadable (" + in.kernelLog().gapReason().name().toLowerCase().replace('_', ' ') + ")";
        String cgPart = cg.oomKills() == null ? "" : "; cgroup oom_kill count " + cgKills;
        if (!recent.isEmpty()) {
            var last = recent.getLast();
            return new Finding("oom-kills", Severity.WARNING, logPart + cgPart + "; last: " + last.pid() + " " + last.comm()
                    + (last.cgroup() != null ? " in " + last.cgroup() : "") + (last.cgroupLimit() ? " (cgroup limit)" : " (host out of memory)"),
                    last.cgroupLimit() ? "Raise the cgroup's memory limit or reduce the workload's memory." : "The host ran out of memory: add RAM/swap or move workloads.");
        }
        if (cgKills > 0) {
            return new Finding("oom-kills", Severity.WARNING, logPart + cgPart,
                    "Something in this cgroup was OOM-killed since it was created: raise memory.max or find the growth.");
        }
        Severity s = kills.isEmpty() ? Severity.OK : Severity.INFO;
        return new Finding("oom-kills", s, logPart + cgPart, "");
    }
}
