package dev.procward.probes.spawn;

import dev.procward.probes.spawn.Method.HostKind;
import dev.procward.probes.spawn.SpawnReport.Cell;
import dev.procward.probes.spawn.SpawnReport.Settings;
import dev.procward.probes.spawn.SpawnReport.Unavailable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Runs the spawn laboratory: for each parent size, every requested method spawns the target from a
 * parent of that size, the methods taking turns one spawn at a time (A B C, C A B, B C A …, each
 * round in a fresh order) so the machine's drift falls evenly on all of them, until each cell has
 * its iterations or its time is up.
 */
public final class SpawnLab {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    public static final int JIT_WARMUP_SPAWNS = 3000;
    public static final Duration JIT_WARMUP_TIME = Duration.ofSeconds(2);
    private static final int JIT_WARMUP_BATCH = 20;
    private static final long ROUND_ORDER_SEED = 0x5eed_5a1dL;
    /** How long the JIT must have been idle before measured rounds start, and the longest wait for that. */
    private static final Duration JIT_QUIET = Duration.ofMillis(300);
    private static final Duration JIT_QUIET_MAX = Duration.ofSeconds(5);
    /** A JVM cannot run with a heap much smaller than this, whatever the parent size asked for. */
    private static final long MIN_JVM_HEAP = 8L << 20;

    /**
     * What to measure. Targets are paths, or {@link Target#STATIC} for the tiny static binary.
     * {@code jitWarmup} is how many unmeasured spawns each Java method makes first (at most
     * {@link #JIT_WARMUP_TIME}), so that the JIT has compiled its spawn path.
     */
    public record Plan(List<Method> methods, List<ParentSize> sizes, List<String> targets,
                       int iterations, int warmup, Duration maxPerCell, int jitWarmup) {
        public Plan {
            methods = List.copyOf(methods);
            sizes = List.copyOf(sizes);
            targets = List.copyOf(targets);
            if (methods.isEmpty()) throw new IllegalArgumentException("no method to measure");
            if (sizes.isEmpty()) throw new IllegalArgumentException("no parent size to measure");
            if (targets.isEmpty()) throw new IllegalArgumentException("no target program");
            if (iterations < 1) throw new IllegalArgumentException("iterations must be at least 1");
            if (warmup < 0) throw new IllegalArgumentException("warmup cannot be negative");
            if (jitWarmup < 0) throw new IllegalArgumentException("JIT warm-up cannot be negative");
            if (maxPerCell.isNegative() || maxPerCell.isZero()) throw new IllegalArgumentException("max seconds must be positive");
        }
    }

    /** Progress, counted in spawns. Called on the measuring thread; keep it cheap. */
    public interface Listener {
        void planned(long spawns);

        void advanced(long spawns, String doing);

        Listener NONE = new Listener() {
            @Override
            public void planned(long spawns) {}

            @Override
            public void advanced(long spawns, String doing) {}
        };
    }

    private record Row(Method method, Target target) {
        String targetLabel() {
            return target == null ? null : target.label();
        }
    }

    private final Path procRoot;
    private final Path sysRoot;
    private final LongSupplier availableMemory;

    public SpawnLab() {
        this(Path.of("/proc"), Path.of("/sys"), null);
    }

    /** Where {@code cc} is looked for; the process's PATH unless a test says otherwise. */
    private String compilerSearchPath = System.getenv("PATH");

    /** A lab that looks for {@code cc} in {@code searchPath} only (to test a host without one). */
    SpawnLab compilerSearchPath(String searchPath) {
        this.compilerSearchPath = searchPath;
        return this;
    }

    /** {@code availableMemory} overrides MemAvailable (for tests of the memory groups); null reads it. */
    public SpawnLab(Path procRoot, Path sysRoot, LongSupplier availableMemory) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.availableMemory = availableMemory != null ? availableMemory
                : () -> AvailableMemory.read(procRoot).availableBytes();
    }

    public SpawnReport run(Plan plan, Listener listener) {
        long started = System.nanoTime();
        Path workDir = createWorkDir();
        try {
            return run(plan, listener, workDir, started);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private SpawnReport run(Plan plan, Listener listener, Path workDir, long started) {
        List<Unavailable> unavailable = new ArrayList<>();
        boolean needC = plan.methods().stream().anyMatch(m -> m.host() == HostKind.C_HARNESS)
                || plan.targets().contains(Target.STATIC);
        CReference c = needC ? CReference.build(workDir, compilerSearchPath) : CReference.unavailable("not requested");
        List<Row> rows = rows(plan, c, unavailable);
        List<ParentSize> sizes = measurableSizes(plan.sizes(), unavailable);
        listener.planned((long) rows.size() * sizes.size() * (plan.iterations() + plan.warmup()));

        Run run = new Run(plan, listener, workDir, c, unavailable);
        for (ParentSize size : sizes) run.measure(size, rows);

        int leftover = ChildProcesses.of(procRoot, ProcessHandle.current().pid()).size();
        String primary = rows.stream().map(Row::targetLabel).filter(java.util.Objects::nonNull).findFirst()
                .orElse(plan.targets().getFirst());
        List<Cell> cells = run.cells.stream().sorted(Comparator.comparing((Cell x) -> Method.byId(x.method()))
                .thenComparing(Cell::target, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Cell::hugePages).thenComparingLong(Cell::parentBytes)).toList();
        var trends = Findings.trends(cells);
        var checks = Findings.targetChecks(cells, primary);
        Settings settings = new Settings(plan.methods().stream().map(Method::id).toList(),
                plan.sizes().stream().map(ParentSize::label).toList(), plan.targets(),
                plan.iterations(), plan.warmup(), plan.maxPerCell().toMillis() / 1000.0,
                plan.jitWarmup(), JIT_WARMUP_TIME.toMillis() / 1000.0);
        String glibc = run.glibc != null ? run.glibc : dev.procward.libc.GlibcVersion.current().orElse(null);
        return new SpawnReport(SpawnReport.SCHEMA_VERSION, MachineFacts.probe(procRoot, sysRoot, glibc),
                settings, cells, List.copyOf(unavailable), checks, trends,
                Findings.verdict(cells, trends, checks, primary), leftover,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The sizes to measure. A THP size on a machine whose THP mode is {@code never} is listed as
     * not measured instead: MADV_HUGEPAGE is accepted there but changes nothing, so its figures
     * would be the plain size's under a THP label.
     */
    private List<ParentSize> measurableSizes(List<ParentSize> sizes, List<Unavailable> unavailable) {
        String thp = MachineFacts.thpMode(MachineFacts.read(sysRoot.resolve(MachineFacts.THP_ENABLED)));
        if (!thp.equals("never")) return sizes;
        List<ParentSize> measurable = new ArrayList<>();
        for (ParentSize size : sizes) {
            if (size.hugePages()) {
                unavailable.add(new Unavailable(null, null, size.label(),
                        "transparent huge pages are disabled here (THP mode never), so no parent can be THP-backed"));
            } else {
                measurable.add(size);
            }
        }
        return measurable;
    }

    /** Every (method, target) row that can be attempted; the others go to {@code unavailable}. */
    private static List<Row> rows(Plan plan, CReference c, List<Unavailable> unavailable) {
        List<Target> targets = new ArrayList<>();
        for (String t : plan.targets()) {
            if (t.equals(Target.STATIC)) {
                if (c.staticTarget().isPresent()) targets.add(new Target(Target.STATIC, c.staticTarget().get()));
                else unavailable.add(new Unavailable(null, Target.STATIC, null, "the tiny static target needs cc: " + c.unavailableReason()));
            } else {
                Path p = Path.of(t);
                if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                    throw new IllegalArgumentException("target " + t + " is not an executable file");
                }
                targets.add(new Target(t, p.toAbsolutePath()));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Method m : plan.methods()) {
            if (m.host() == HostKind.C_HARNESS && c.harness().isEmpty()) {
                unavailable.add(new Unavailable(m.id(), null, null, c.unavailableReason()));
                continue;
            }
            if (!m.execsTarget()) rows.add(new Row(m, null));
            else for (Target t : targets) rows.add(new Row(m, t));
        }
        return rows;
    }

    /** The state of one run: results so far, and how to start hosts. */
    private final class Run {
        final Plan plan;
        final Listener listener;
        final Path workDir;
        final CReference c;
        final List<Unavailable> unavailable;
        final List<Cell> cells = new ArrayList<>();
        String glibc;
        final java.util.Set<Method> jitWarmInThisJvm = java.util.EnumSet.noneOf(Method.class);
        boolean harnessClientWarm;

        Run(Plan plan, Listener listener, Path workDir, CReference c, List<Unavailable> unavailable) {
            this.plan = plan;
            this.listener = listener;
            this.workDir = workDir;
            this.c = c;
            this.unavailable = unavailable;
        }

        int perCell() {
            return plan.iterations() + plan.warmup();
        }

        void measure(ParentSize size, List<Row> rows) {
            List<HostKind> kinds = rows.stream().map(r -> r.method().host()).distinct().sorted().toList();
            MemoryPlan memory = MemoryPlan.of(kinds, size.bytes(), availableMemory.getAsLong());
            for (Row r : rows) {
                String reason = memory.skipped().get(r.method().host());
                if (reason != null) skip(r, size, "not enough memory: " + reason);
            }
            for (int g = 0; g < memory.groups().size(); g++) {
                List<HostKind> group = memory.groups().get(g);
                runGroup(size, g, rows.stream().filter(r -> group.contains(r.method().host())).toList(), group);
            }
        }

        void skip(Row r, ParentSize size, String reason) {
            unavailable.add(new Unavailable(r.method().id(), r.targetLabel(), size.label(), reason));
            listener.advanced(perCell(), "skipped " + r.method().id());
        }

        private void runGroup(ParentSize size, int group, List<Row> rows, List<HostKind> kinds) {
            Map<HostKind, SpawnHost> hosts = new EnumMap<>(HostKind.class);
            Map<HostKind, ResidentMemory> memory = new EnumMap<>(HostKind.class);
            try {
                for (HostKind kind : kinds) {
                    listener.advanced(0, "starting a " + size.label() + " parent: " + kind.name().toLowerCase());
                    try {
                        ensureMemoryFor(kind, size);
                        SpawnHost host = open(kind, size);
                        hosts.put(kind, host);
                        memory.put(kind, ResidentMemory.of(procRoot, host.pid()));
                    } catch (SpawnLabException e) {
                        rows.stream().filter(r -> r.method().host() == kind).forEach(r -> skip(r, size, e.getMessage()));
                    }
                }
                List<Row> live = new ArrayList<>(rows.stream().filter(r -> hosts.containsKey(r.method().host())).toList());
                Map<Method, Integer> jit = warmJit(live, size, hosts);
                Map<Row, Samples> results = interleave(size, live, hosts);
                for (var e : results.entrySet()) {
                    Row r = e.getKey();
                    SpawnHost host = hosts.get(r.method().host());
                    ResidentMemory mem = memory.get(r.method().host());
                    Samples s = e.getValue();
                    cells.add(new Cell(r.method().id(), r.method().label(), r.targetLabel(), size.label(), size.bytes(),
                            size.hugePages(), host.pid(), mem.rssBytes(), mem.anonHugeBytes(), group,
                            jit.getOrDefault(r.method(), 0), s.spawned, host.unreapedChildren(), s.capped,
                            LatencySummary.ofNanos(s.toArray())));
                }
            } finally {
                hosts.values().forEach(SpawnHost::close);
            }
        }

        /**
         * A JVM parent runs Java before and after each spawn (the FFM call, ProcessBuilder), and
         * that code runs interpreted, then with profiling, until the JIT has seen it a few
         * thousand times: early spawns measure the interpreter, not the method. So each Java
         * method first spawns {@code plan.jitWarmup()} times (at most {@link #JIT_WARMUP_TIME}),
         * unmeasured, once per JVM: the benchmarking JVM stays warm for the whole run, a child JVM
         * is new for every parent size. The Java path does not depend on the program, so this uses
         * the tiny static target when there is one, which is the quickest to run. The C harness
         * needs none. Rows whose method cannot spawn at all are dropped as unavailable.
         */
        private Map<Method, Integer> warmJit(List<Row> rows, ParentSize size, Map<HostKind, SpawnHost> hosts) {
            Map<Method, Integer> made = new EnumMap<>(Method.class);
            if (plan.jitWarmup() == 0) return made;
            warmHarnessClient(rows, hosts);
            for (Method method : rows.stream().map(Row::method).distinct().toList()) {
                if (method.host() == HostKind.C_HARNESS) continue;
                if (method.host() == HostKind.BENCH_JVM && !jitWarmInThisJvm.add(method)) continue;
                Target target = c.staticTarget().map(p -> new Target(Target.STATIC, p))
                        .orElseGet(() -> rows.stream().filter(r -> r.method() == method).findFirst().orElseThrow().target());
                listener.advanced(0, "JIT warm-up: " + method.id());
                SpawnHost host = hosts.get(method.host());
                long deadline = System.nanoTime() + JIT_WARMUP_TIME.toNanos();
                try {
                    int done = 0;
                    while (done < plan.jitWarmup() && System.nanoTime() < deadline) {
                        done += host.spawn(method, target, Math.min(JIT_WARMUP_BATCH, plan.jitWarmup() - done)).length;
                    }
                    made.put(method, done);
                } catch (SpawnLabException e) {
                    for (Row r : rows) {
                        if (r.method() != method) continue;
                        listener.advanced(perCell(), "failed " + method.id());
                        unavailable.add(new Unavailable(method.id(), r.targetLabel(), size.label(), "failed: " + e.getMessage()));
                    }
                    rows.removeIf(r -> r.method() == method);
                    if (method.host() == HostKind.BENCH_JVM) jitWarmInThisJvm.remove(method);
                }
            }
            return made;
        }

        /**
         * The C harness needs no JIT, but this JVM's side of its protocol does: the measured rounds
         * ask it for one spawn at a time, and until that path is compiled the compiler runs in the
         * background of the measurement. So, once per benchmarking JVM, the harness spawns
         * single children of its quickest requested method (never fork: at 4 GiB one takes most of
         * a second) until this JVM has sent {@code jitWarmup} requests, at most
         * {@link #JIT_WARMUP_TIME}. Unmeasured, and not counted as the C cells' JIT warm-up.
         */
        private void warmHarnessClient(List<Row> rows, Map<HostKind, SpawnHost> hosts) {
            if (harnessClientWarm || !hosts.containsKey(HostKind.C_HARNESS)) return;
            Row quick = rows.stream().filter(r -> r.method().host() == HostKind.C_HARNESS && r.method() != Method.C_FORK_EXEC)
                    .min(Comparator.comparing((Row r) -> r.method().execsTarget())).orElse(null);
            if (quick == null) return;
            // As for the Java rows: the tiny static target when there is one, the quickest to run.
            Target target = !quick.method().execsTarget() ? null
                    : c.staticTarget().map(p -> new Target(Target.STATIC, p)).orElse(quick.target());
            listener.advanced(0, "JIT warm-up: the C harness client");
            SpawnHost host = hosts.get(HostKind.C_HARNESS);
            long deadline = System.nanoTime() + JIT_WARMUP_TIME.toNanos();
            try {
                for (int i = 0; i < plan.jitWarmup() && System.nanoTime() < deadline; i++) host.spawn(quick.method(), target, 1);
                harnessClientWarm = true;
            } catch (SpawnLabException e) {
                // the row fails again, and is reported, when it is measured
            }
        }

        /**
         * Rounds in which every row spawns once. The order within a round is shuffled afresh
         * (seeded, so a run can be repeated): a spawn is slower right after one that ran a JVM and
         * evicted the caches, and a fixed order would hand that penalty to the same row every time.
         */
        private Map<Row, Samples> interleave(ParentSize size, List<Row> rows, Map<HostKind, SpawnHost> hosts) {
            Map<Row, Samples> results = new LinkedHashMap<>();
            for (Row r : rows) results.put(r, new Samples(plan.iterations()));
            List<Row> pending = new ArrayList<>(rows);
            java.util.Random order = new java.util.Random(ROUND_ORDER_SEED);
            long budget = plan.maxPerCell().toNanos();
            String where = " at " + size.label();
            for (int w = 0; w < plan.warmup() && !pending.isEmpty(); w++) {
                java.util.Collections.shuffle(pending, order);
                for (Iterator<Row> it = pending.iterator(); it.hasNext(); ) {
                    Row r = it.next();
                    if (!spawn(r, size, hosts, results.get(r), false)) {
                        it.remove();
                        results.remove(r);
                        continue;
                    }
                    listener.advanced(1, "warming up" + where);
                }
            }
            listener.advanced(0, "waiting for the JIT to go quiet" + where);
            QuietJit.await(JIT_QUIET, JIT_QUIET_MAX);
            while (!pending.isEmpty()) {
                java.util.Collections.shuffle(pending, order);
                for (Iterator<Row> it = pending.iterator(); it.hasNext(); ) {
                    Row r = it.next();
                    Samples s = results.get(r);
                    if (!spawn(r, size, hosts, s, true)) {
                        it.remove();
                        results.remove(r);
                        continue;
                    }
                    listener.advanced(1, r.method().id() + where);
                    if (s.count == plan.iterations()) {
                        it.remove();
                    } else if (s.spentNanos >= budget) {
                        s.capped = true;
                        listener.advanced(plan.iterations() - s.count, "time is up for " + r.method().id() + where);
                        it.remove();
                    }
                }
            }
            return results;
        }

        /** One spawn of a row; false (and the row marked unavailable) when the method failed. */
        private boolean spawn(Row r, ParentSize size, Map<HostKind, SpawnHost> hosts, Samples s, boolean keep) {
            long start = System.nanoTime();
            try {
                long[] ns = hosts.get(r.method().host()).spawn(r.method(), r.target(), 1);
                s.spawned++;
                if (keep) {
                    s.spentNanos += System.nanoTime() - start;
                    s.add(ns[0]);
                }
                return true;
            } catch (SpawnLabException e) {
                int left = keep ? plan.iterations() - s.count : perCell() - s.spawned;
                listener.advanced(left, "failed " + r.method().id());
                unavailable.add(new Unavailable(r.method().id(), r.targetLabel(), size.label(), "failed: " + e.getMessage()));
                return false;
            }
        }

        /**
         * The plan was made from MemAvailable before the group started; other processes may have
         * grown since. A parent that would now push the machine into the OOM killer is skipped.
         */
        private void ensureMemoryFor(HostKind kind, ParentSize size) {
            if (size.bytes() < MemoryPlan.MIN_RESERVE) return;
            long available = availableMemory.getAsLong();
            long need = MemoryPlan.cost(kind, size.bytes()) + MemoryPlan.MIN_RESERVE;
            if (available >= 0 && available < need) {
                throw new SpawnLabException(String.format(java.util.Locale.ROOT,
                        "not enough memory now: needs %.1f GiB with the reserve, %.1f GiB available",
                        need / (double) (1L << 30), available / (double) (1L << 30)));
            }
        }

        private SpawnHost open(HostKind kind, ParentSize size) {
            return switch (kind) {
                case BENCH_JVM -> InProcessHost.open(size);
                case C_HARNESS -> {
                    List<String> command = new ArrayList<>(List.of(c.harness().orElseThrow().toString(),
                            "--rss", Long.toString(size.bytes())));
                    if (size.hugePages()) command.add("--thp");
                    RemoteHost host = RemoteHost.launch("c-harness-" + size.label(), command, workDir, READY_TIMEOUT);
                    if (glibc == null) glibc = host.fact("glibc");
                    yield host;
                }
                case JVM_POSIX_SPAWN, JVM_FORK, JVM_VFORK ->
                        RemoteHost.launch("jvm-" + kind.launchMechanism() + "-" + size.label(),
                                childJvmCommand(kind, size), workDir, READY_TIMEOUT);
            };
        }
    }

    /** A JVM whose heap is the parent size, every page touched at start, with one launch mechanism. */
    static List<String> childJvmCommand(HostKind kind, ParentSize size) {
        long heapKib = Math.max(size.bytes(), MIN_JVM_HEAP) / 1024;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + heapKib + "k", "-Xmx" + heapKib + "k", "-XX:+AlwaysPreTouch"));
        if (size.hugePages()) command.add("-XX:+UseTransparentHugePages");
        command.add("-Djdk.lang.Process.launchMechanism=" + kind.launchMechanism());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessBuilderAgent.class.getName()));
        return command;
    }

    private static final class Samples {
        long[] nanos;
        int count;
        int spawned;
        long spentNanos;
        boolean capped;

        Samples(int capacity) {
            nanos = new long[capacity];
        }

        void add(long n) {
            nanos[count++] = n;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(nanos, count);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("procward-spawn-");
        } catch (IOException e) {
            throw new SpawnLabException("cannot create a work directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is not worth failing a finished measurement
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
