package dev.procward.cli.inspect;

import dev.procward.probes.Field;
import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcessFilter;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Procps;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.ThreadSample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the rows of {@code procward ps}: reads only what the columns and filter need, then sorts. */
public final class PsListing {
    /** One sort key: a column, descending when written with a leading '-'. */
    public record SortKey(PsColumn column, boolean descending) {}

    public record Request(Path root, List<PsColumn> columns, ProcessFilter filter, List<SortKey> sort,
                          boolean threads, Duration interval) {}

    public record Result(PsContext context, List<PsColumn> columns, List<PsRow> rows, int vanished) {}

    private PsListing() {}

    public static Result run(Request q) throws InterruptedException {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        q.columns().forEach(c -> fields.addAll(c.fields()));
        q.sort().forEach(k -> fields.addAll(k.column().fields()));
        fields.addAll(q.filter().fields());
        Map<Integer, Double> intervalCpu = new HashMap<>();
        Map<Integer, ProcStat> before = null;
        double beforeUptime = 0;
        if (q.interval() != null) {
            fields.add(Field.STAT);
            ProcessTable t0 = Snapshotter.take(q.root(), EnumSet.of(Field.STAT), q.filter().pidPredicate());
            before = new HashMap<>();
            for (ProcessSnapshot p : t0.processes()) {
                if (p.stat() != null) before.put(p.pid(), p.stat());
                if (q.threads()) {
                    for (ThreadSample t : Snapshotter.threads(q.root(), p.pid(), EnumSet.of(Field.STAT))) {
                        if (t.stat() != null) before.put(t.tid(), t.stat());
                    }
                }
            }
            beforeUptime = t0.system().uptimeSeconds();
            Thread.sleep(q.interval());
        }
        ProcessTable table = Snapshotter.take(q.root(), fields, q.filter().pidPredicate());
        List<PsRow> rows = new ArrayList<>(table.processes().size());
        Set<Field> threadFields = EnumSet.noneOf(Field.class);
        for (Field f : fields) if (f == Field.STAT || f == Field.STATUS || f == Field.WCHAN) threadFields.add(f);
        threadFields.add(Field.STAT);
        for (ProcessSnapshot p : table.processes()) {
            if (!q.filter().test(p)) continue;
            if (q.threads()) {
                List<ThreadSample> ts = Snapshotter.threads(q.root(), p.pid(), threadFields);
                if (ts.isEmpty()) rows.add(new PsRow(p, null)); // zombie leaders may have no task/
                for (ThreadSample t : ts) rows.add(new PsRow(p, t));
            } else {
                rows.add(new PsRow(p, null));
            }
        }
        if (before != null) {
            double elapsed = table.system().uptimeSeconds() - beforeUptime;
            if (elapsed <= 0) elapsed = q.interval().toNanos() / 1e9;
            for (PsRow r : rows) {
                ProcStat b = before.get(r.id());
                if (b != null && r.stat() != null) {
                    intervalCpu.put(r.id(), Procps.cpuPercent(b, r.stat(), elapsed, table.system().clockTicks()));
                }
            }
        }
        var ctx = new PsContext(table.system(), q.root(), intervalCpu);
        if (!q.sort().isEmpty()) rows.sort(comparator(ctx, q.sort()));
        return new Result(ctx, q.columns(), rows, table.vanished());
    }

    /** Parses procps's {@code --sort} syntax: "-rss,+pid,comm". */
    public static List<SortKey> parseSort(String spec, List<String> unknown) {
        List<SortKey> out = new ArrayList<>();
        if (spec == null) return out;
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            boolean desc = p.startsWith("-");
            if (p.startsWith("-") || p.startsWith("+")) p = p.substring(1);
            PsColumn c = PsColumn.byName(p);
            if (c == null) unknown.add(p);
            else out.add(new SortKey(c, desc));
        }
        return out;
    }

    private static Comparator<PsRow> comparator(PsContext ctx, List<SortKey> keys) {
        Comparator<PsRow> cmp = null;
        for (SortKey k : keys) {
            Comparator<PsRow> one = (a, b) -> compareValues(k.column().value(ctx, a), k.column().value(ctx, b));
            if (k.descending()) one = one.reversed();
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        return cmp.thenComparingInt(PsRow::id);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1; // gaps last
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        return ((Comparable) a.toString()).compareTo(b.toString());
    }
}
