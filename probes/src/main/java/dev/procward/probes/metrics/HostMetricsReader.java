package dev.procward.probes.metrics;

import dev.procward.probes.Field;
import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.kernel.FileNr;
import dev.procward.probes.kernel.FlatKeyed;
import dev.procward.probes.kernel.ProcFiles;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.kernel.Sysctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Takes one snapshot of a /proc root and turns it into {@link HostMetrics}. The listing reads
 * {@code stat} alone; everything costlier is read for the few processes that need it:
 * {@code cmdline} for the processes a cmdline group rule is tried on (kept between scrapes, see
 * {@link CmdlineCache}), {@code smaps_rollup} for the PSS ranking, {@code fd/} for group members.
 * When D-state sampling runs, it reads every stat line anyway: a recent sweep's lines
 * ({@link StatLines}) then serve as the listing, and a scrape reads no per-process file at all
 * but those few. Keeps the CPU ledger between scrapes, so one reader serves one exporter.
 */
public final class HostMetricsReader {

    /** Longest command line put in a label when the operator asked for command lines. */
    public static final int CMDLINE_LABEL_MAX = 200;

    /**
     * @param cgroupRoot       the cgroup filesystem to scan for pids limits, or empty to skip it
     * @param maxLabelValues   the top K kept for label sets cut per scrape (parents, cgroups)
     * @param exposeCmdline    put command lines (cut to {@value #CMDLINE_LABEL_MAX} chars) on the PSS ranking
     * @param pssRefresh       how long a PSS ranking is reused: {@code smaps_rollup} walks a process's
     *                         page tables, tens of milliseconds for a large JVM, and PSS moves slowly
     */
    public record Config(Path procRoot, Optional<Path> cgroupRoot, int topPss, int maxLabelValues,
                         List<GroupRule> groups, boolean exposeCmdline, Duration pssRefresh) {
        public Config {
            groups = List.copyOf(groups);
            if (pssRefresh.isNegative()) throw new IllegalArgumentException("PSS refresh interval must not be negative");
            if (topPss < 0 || topPss > 1000) throw new IllegalArgumentException("top PSS count must be 0-1000, got " + topPss);
            if (maxLabelValues < 1 || maxLabelValues > 1000) {
                throw new IllegalArgumentException("label budget must be 1-1000, got " + maxLabelValues);
            }
        }
    }

    private static final int CGROUP_DIRECTORIES_MAX = 5000;
    /** How long a cached command line is trusted (see {@link CmdlineCache}). */
    private static final Duration CMDLINE_REFRESH = Duration.ofSeconds(60);

    private final Config config;
    private final CpuLedger ledger = new CpuLedger();
    private final ReapWatch reapWatch = new ReapWatch();
    private final CmdlineCache cmdlines;
    private final StatLines.Source recentSweep;
    private final long sweepMaxAgeNanos;
    private PssRanking lastRanking;

    /** A PSS ranking and when it was taken; reused while younger than the refresh interval. */
    private record PssRanking(List<HostMetrics.TopProcess> top, int reads, boolean exact, long takenAtNanos) {}

    public HostMetricsReader(Config config) {
        this(config, StatLines.Source.NONE, Duration.ZERO);
    }

    /**
     * @param recentSweep where the latest D-state sweep's stat lines are
     * @param sweepMaxAge how old those may be to serve as a scrape's listing
     */
    public HostMetricsReader(Config config, StatLines.Source recentSweep, Duration sweepMaxAge) {
        this.config = config;
        this.recentSweep = recentSweep;
        this.sweepMaxAgeNanos = sweepMaxAge.toNanos();
        this.cmdlines = new CmdlineCache(config.procRoot(), CMDLINE_REFRESH);
    }

    public Path procRoot() {
        return config.procRoot();
    }

    public synchronized HostMetrics read() {
        long started = System.nanoTime();
        Path root = config.procRoot();
        Optional<StatLines.Listing> swept = recentSweep == StatLines.Source.NONE ? Optional.empty()
                : recentSweep.latest(started - sweepMaxAgeNanos, SystemInfo.read(root));
        ProcessTable table = swept.map(StatLines.Listing::table).orElseGet(() -> Snapshotter.take(root, EnumSet.of(Field.STAT)));
        Map<Integer, ProcessSnapshot> byPid = table.byPid();
        int gaps = table.vanished();
        long threads = 0;
        int zombies = 0;
        Map<String, Long> zombieParents = new HashMap<>();
        for (ProcessSnapshot p : table.processes()) {
            if (!p.gaps().isEmpty()) gaps++;
            ProcStat stat = p.stat();
            if (stat == null) continue;
            threads += Math.max(1, stat.numThreads());
            if (stat.zombie()) {
                zombies++;
                ProcessSnapshot parent = byPid.get(stat.ppid());
                zombieParents.merge(parent == null ? "?" : parent.comm(), 1L, Long::sum);
            }
        }
        long pageSize = table.system().pageSize();
        PssRanking top = pssRanking(table, byPid, pageSize, started);
        int pssReads = top.takenAtNanos() == started ? top.reads() : 0;
        List<HostMetrics.GroupStats> groups = groups(table, pageSize, started);
        return new HostMetrics(table.processes().size(), (int) Math.min(Integer.MAX_VALUE, threads), zombies,
                LabelBudget.topK(zombieParents, config.maxLabelValues()),
                toOptional(Sysctl.PID_MAX.read(root).orElse(null)),
                config.cgroupRoot().map(c -> new CgroupPidsScan(c, CGROUP_DIRECTORIES_MAX).fullest(config.maxLabelValues()))
                        .orElse(List.of()),
                Optional.ofNullable(FileNr.read(root).orElse(null)).map(f -> new HostMetrics.FileHandles(f.allocated(), f.max())),
                pid1(root, table),
                oomKills(root),
                top.top(), groups,
                new HostMetrics.Cost((System.nanoTime() - started) / 1e9, table.processes().size(), gaps, pssReads, top.exact(),
                        (started - top.takenAtNanos()) / 1e9,
                        swept.map(l -> Math.max(0, started - l.finishedAtNanos()) / 1e9).orElse(0.0)));
    }

    private PssRanking pssRanking(ProcessTable table, Map<Integer, ProcessSnapshot> byPid, long pageSize, long now) {
        if (lastRanking != null && now - lastRanking.takenAtNanos() < config.pssRefresh().toNanos()) {
            // Reuse it, less the processes that have exited since (or whose pid now names another program).
            List<HostMetrics.TopProcess> still = lastRanking.top().stream()
                    .filter(p -> byPid.containsKey(p.pid()) && byPid.get(p.pid()).comm().equals(p.comm())).toList();
            return new PssRanking(still, lastRanking.reads(), lastRanking.exact(), lastRanking.takenAtNanos());
        }
        Path root = config.procRoot();
        var top = TopPss.select(candidates(table, pageSize), config.topPss(), TopPss.defaultMaxReads(config.topPss()), pid -> pss(root, pid));
        List<HostMetrics.TopProcess> ranked = new ArrayList<>();
        for (var r : top.top()) {
            ranked.add(new HostMetrics.TopProcess(ranked.size() + 1, r.key(), byPid.get(r.key()).comm(), r.pssBytes(),
                    config.exposeCmdline() ? cmdline(root, r.key()) : Optional.empty()));
        }
        lastRanking = new PssRanking(List.copyOf(ranked), top.pssReads(), top.exact(), now);
        return lastRanking;
    }

    private static List<TopPss.Candidate<Integer>> candidates(ProcessTable table, long pageSize) {
        List<TopPss.Candidate<Integer>> out = new ArrayList<>(table.processes().size());
        for (ProcessSnapshot p : table.processes()) {
            if (p.stat() != null && !p.stat().kernelThread() && !p.stat().zombie()) {
                out.add(new TopPss.Candidate<>(p.pid(), p.stat().rss() * pageSize));
            }
        }
        return out;
    }

    private static OptionalLong pss(Path root, int pid) {
        return Snapshotter.takeOne(root, pid, EnumSet.of(Field.SMAPS_ROLLUP))
                .filter(p -> p.memory() != null)
                .map(p -> OptionalLong.of(p.memory().pss() * 1024))
                .orElse(OptionalLong.empty());
    }

    private static Optional<String> cmdline(Path root, int pid) {
        return CmdlineCache.read(root, pid)
                .map(s -> s.length() <= CMDLINE_LABEL_MAX ? s : s.substring(0, CMDLINE_LABEL_MAX - 1) + "…");
    }

    private List<HostMetrics.GroupStats> groups(ProcessTable table, long pageSize, long now) {
        if (config.groups().isEmpty()) {
            return List.of();
        }
        record Sum(int processes, long threads, long rss, long fds) {
            Sum plus(long t, long r, long f) {
                return new Sum(processes + 1, threads + t, rss + r, fds + f);
            }
        }
        Map<String, Sum> sums = new LinkedHashMap<>();
        config.groups().forEach(g -> sums.put(g.name(), new Sum(0, 0, 0, 0)));
        List<CpuLedger.Usage> usage = new ArrayList<>();
        double ticks = table.system().clockTicks();
        cmdlines.startScrape();
        for (ProcessSnapshot p : table.processes()) {
            ProcStat s = p.stat();
            if (s == null || s.kernelThread()) continue;
            Optional<GroupRule> rule = GroupRule.firstMatch(config.groups(), s.comm(),
                    () -> s.zombie() ? Optional.empty() : cmdlines.get(p.pid(), s, now));
            if (rule.isEmpty()) continue;
            String g = rule.get().name();
            long fds = s.zombie() ? 0 : OpenFds.count(config.procRoot(), p.pid()).orElse(0);
            sums.computeIfPresent(g, (k, v) -> v.plus(Math.max(1, s.numThreads()), s.rss() * pageSize, fds));
            usage.add(new CpuLedger.Usage(new CpuLedger.ProcessKey(p.pid(), s.startTime()), g,
                    s.utime() / ticks, s.stime() / ticks));
        }
        cmdlines.endScrape();
        Map<String, CpuLedger.Totals> cpu = ledger.record(usage, sums.keySet());
        List<HostMetrics.GroupStats> out = new ArrayList<>();
        sums.forEach((name, sum) -> {
            CpuLedger.Totals t = cpu.get(name);
            out.add(new HostMetrics.GroupStats(name, sum.processes(), sum.threads(), sum.rss(), sum.fds(),
                    t.userSeconds(), t.systemSeconds()));
        });
        return out;
    }

    private Optional<HostMetrics.Pid1> pid1(Path root, ProcessTable table) {
        Set<ReapWatch.ZombieKey> orphans = new HashSet<>();
        boolean present = false;
        for (ProcessSnapshot p : table.processes()) {
            present |= p.pid() == 1;
            if (p.stat() != null && p.stat().zombie() && p.stat().ppid() == 1) {
                orphans.add(new ReapWatch.ZombieKey(p.pid(), p.stat().startTime()));
            }
        }
        if (!present) return Optional.empty();
        return Snapshotter.takeOne(root, 1, EnumSet.of(Field.STATUS, Field.WCHAN))
                .filter(p -> p.status() != null)
                .map(p -> new HostMetrics.Pid1(p.comm(), reapWatch.reaps(p.comm(), p.status(), p.wchan(), orphans)));
    }

    /** {@code oom_kill} in {@code /proc/vmstat} (Linux 4.13+): a counter since boot, readable by anyone. */
    private static OptionalLong oomKills(Path root) {
        String vmstat = ProcFiles.readString(root.resolve("vmstat")).orElse(null);
        if (vmstat == null) return OptionalLong.empty();
        try {
            Long v = FlatKeyed.parse(vmstat, "vmstat").get("oom_kill");
            return v == null ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (ProcParseException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong toOptional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
