package dev.procward.probes.diag;

import dev.procward.probes.kernel.LoadAvg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sweeps of {@link StuckSampler} summed psn-style: how often each group of threads was seen, and
 * the average number of such threads at any moment; the D-state threads with the file, mount and
 * filesystem they wait on; and the load average set against the R and D counts. A pure function
 * of the sweeps.
 *
 * @param sweeps     number of sweeps taken
 * @param seconds    wall time from the first sweep to the last
 * @param groupBy    the grouping columns, lower case
 * @param rows       one per group, most samples first
 * @param blocked    each D-state thread seen, with the file it is blocked on (latest sighting)
 * @param load       load average against what the sweeps counted
 * @param source     {@code live} when the sweeps sampled a running system; {@code capture} when
 *                   they read a capture archive, which holds one frozen snapshot and so gets
 *                   exactly one sweep (counts are of that moment, not averages over time)
 * @param note       for a capture, that sentence for the reader; null for a live sample
 */
public record StuckReport(int sweeps, double seconds, List<String> groupBy, List<Row> rows,
                         List<ThreadActivity> blocked, Load load, String source, String note) {

    /** What a report of a capture says about itself. */
    public static final String CAPTURE_NOTE =
            "a single snapshot from a capture, not a live sample: one sweep, counts are of that moment, not averages over time";

    public static final String LIVE = "live";
    public static final String CAPTURE = "capture";

    public StuckReport {
        groupBy = List.copyOf(groupBy);
        rows = List.copyOf(rows);
        blocked = List.copyOf(blocked);
    }

    /**
     * @param group      column name to value, in groupBy order
     * @param samples    thread sightings in this group over all sweeps
     * @param avgThreads samples / sweeps: average active threads in this group
     */
    public record Row(Map<String, String> group, int samples, double avgThreads) {
        public Row {
            group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(group));
        }
    }

    /**
     * Linux load counts R and D threads. With mostly D, high load is waiting (I/O, locks, a dead
     * server), not CPU demand.
     *
     * @param loadavg     /proc/loadavg, null when unreadable
     * @param cpus        CPUs, -1 when unknown
     * @param avgRunning  average threads in R over the sweeps
     * @param avgBlocked  average threads in D over the sweeps
     * @param threads     threads in the last sweep
     * @param verdict     one sentence
     */
    public record Load(LoadAvg loadavg, int cpus, double avgRunning, double avgBlocked, int threads, String verdict) {}

    public static StuckReport of(List<StuckSampler.Sweep> sweeps, List<StuckSampler.Column> groupBy, LoadAvg loadavg, int cpus) {
        return of(sweeps, groupBy, loadavg, cpus, LIVE);
    }

    /** The report of the single sweep a capture archive allows: its one snapshot, said to be one. */
    public static StuckReport ofCapture(StuckSampler.Sweep sweep, List<StuckSampler.Column> groupBy, LoadAvg loadavg, int cpus) {
        return of(List.of(sweep), groupBy, loadavg, cpus, CAPTURE);
    }

    /** True when the report is of one snapshot from a capture, not of a live sample. */
    public boolean fromCapture() {
        return CAPTURE.equals(source);
    }

    private static StuckReport of(List<StuckSampler.Sweep> sweeps, List<StuckSampler.Column> groupBy, LoadAvg loadavg, int cpus,
                                  String source) {
        Map<List<String>, int[]> counts = new HashMap<>();
        Map<Integer, ThreadActivity> blocked = new LinkedHashMap<>();
        double sumR = 0, sumD = 0;
        for (var s : sweeps) {
            sumR += s.running();
            sumD += s.blocked();
            for (ThreadActivity a : s.active()) {
                List<String> key = new ArrayList<>(groupBy.size());
                for (var c : groupBy) key.add(a.column(c));
                counts.computeIfAbsent(key, k -> new int[1])[0]++;
                if (a.state() == 'D') blocked.put(a.tid(), a);
            }
        }
        int n = Math.max(1, sweeps.size());
        List<Row> rows = new ArrayList<>();
        for (var e : counts.entrySet()) {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < groupBy.size(); i++) group.put(groupBy.get(i).name().toLowerCase(), e.getKey().get(i));
            rows.add(new Row(group, e.getValue()[0], round(e.getValue()[0] / (double) n)));
        }
        rows.sort(Comparator.comparingInt(Row::samples).reversed().thenComparing(r -> r.group().toString()));
        double seconds = sweeps.size() < 2 ? 0 : (sweeps.getLast().nanoTime() - sweeps.getFirst().nanoTime()) / 1e9;
        double avgR = round(sumR / n), avgD = round(sumD / n);
        int threads = sweeps.isEmpty() ? 0 : sweeps.getLast().threads();
        List<String> names = groupBy.stream().map(c -> c.name().toLowerCase()).toList();
        List<ThreadActivity> blockedList = new ArrayList<>(blocked.values());
        blockedList.sort(Comparator.comparingInt(ThreadActivity::pid).thenComparingInt(ThreadActivity::tid));
        return new StuckReport(sweeps.size(), round(seconds), names, rows, blockedList,
                new Load(loadavg, cpus, avgR, avgD, threads, verdict(loadavg, cpus, avgR, avgD)), source,
                CAPTURE.equals(source) ? CAPTURE_NOTE : null);
    }

    static String verdict(LoadAvg l, int cpus, double r, double d) {
        if (l == null) return String.format("%.1f threads running, %.1f in D on average", r, d);
        String cpu = cpus > 0 ? " on " + cpus + " CPU" + (cpus == 1 ? "" : "s") : "";
        String base = String.format("load %.2f%s; sampled %.1f running (R) + %.1f uninterruptible (D)", l.one(), cpu, r, d);
        if (d >= 1 && d >= r) return base + ": the load is mostly waiting (I/O, locks, an unreachable server), not CPU demand.";
        if (cpus > 0 && r > cpus) return base + ": more runnable threads than CPUs, the CPUs are saturated.";
        if (cpus > 0 && l.one() > cpus && d < 1) return base + ": the load is CPU demand.";
        return base + ".";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
