package dev.procward.cli.bench;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.cli.render.Table.Column;
import dev.procward.probes.spawn.MachineFacts;
import dev.procward.probes.spawn.SpawnReport;
import dev.procward.probes.spawn.SpawnReport.Cell;
import dev.procward.probes.spawn.SpawnReport.TargetCheck;
import dev.procward.probes.spawn.SpawnReport.Unavailable;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The human report of {@code bench spawn}: machine facts, the latency table, what was not measured, targets, verdict. */
final class SpawnTable {
    private final Style style;

    SpawnTable(Style style) {
        this.style = style;
    }

    void print(SpawnReport report, List<String> charts, PrintWriter out) {
        MachineFacts m = report.machine();
        out.println(style.bold("Spawn latency, from creation to reaped child (µs)"));
        out.printf(Locale.ROOT, "machine: Linux %s · %s × %d CPUs · glibc %s · %s · THP %s · %s RAM · load average %s%n",
                m.kernel(), m.cpuModel(), m.cpus(), m.glibc(), m.jdk(), m.thpMode(), bytes(m.memTotalBytes()), m.loadAverage());
        var s = report.settings();
        out.printf(Locale.ROOT, "run: %d iterations + %d warm-up per cell (at most %s s each), methods interleaved, %.0f s in all%n",
                s.iterations(), s.warmup(), trim(s.maxSecondsPerCell()), report.elapsedSeconds());
        out.println();

        Table table = new Table(List.of(Column.left("METHOD"), Column.left("TARGET"), Column.left("PARENT"),
                Column.right("RSS"), Column.right("MIN"), Column.right("MEDIAN"), Column.right("P90"),
                Column.right("P99"), Column.right("MAX"), Column.right("N")));
        boolean capped = false, grouped = false;
        for (Cell c : report.cells()) {
            capped |= c.timeCapped();
            grouped |= c.group() > 0;
            var l = c.latency();
            table.row(c.label(), c.target() == null ? "(no exec)" : c.target(), c.parent(),
                    c.parentRssBytes() < 0 ? "?" : bytes(c.parentRssBytes()),
                    micros(l.minMicros()), style.bold(micros(l.medianMicros())), micros(l.p90Micros()),
                    micros(l.p99Micros()), micros(l.maxMicros()),
                    l.count() + (c.timeCapped() ? "*" : "") + (c.group() > 0 ? "†" : ""));
        }
        if (table.size() > 0) table.print(out);
        else out.println("nothing was measured");
        if (capped) out.println("* stopped by --max-seconds before --iterations");
        if (grouped) out.println("† ran after the first group of parents, for want of memory to hold them all at once");
        out.println("RSS is the spawning process's measured resident size (JVM parents include the JVM itself).");

        if (!report.unavailable().isEmpty()) {
            out.println();
            out.println(style.yellow("not measured:"));
            for (Unavailable u : report.unavailable()) {
                String what = u.method() == null ? "target " + u.target()
                        : u.method() + (u.target() == null ? "" : " → " + u.target());
                out.println("  " + what + (u.parent() == null ? "" : " at " + u.parent()) + ": " + u.reason());
            }
        }
        if (!report.targets().isEmpty()) {
            out.println();
            out.println("targets (median ratios, side by side in this run):");
            for (TargetCheck t : report.targets()) {
                String verdict = t.met() ? style.green("met") : style.red("missed");
                out.printf(Locale.ROOT, "  %s / %s at %s: %.3f× (target ≤ %.2f×) %s%s%n",
                        t.measured(), t.reference(), t.parent(), t.ratio(), t.limit(), verdict,
                        t.sideBySide() ? "" : " (not interleaved: separate memory groups)");
            }
        }
        if (report.leftoverChildren() != 0) {
            out.println(style.red("warning: " + report.leftoverChildren() + " child process(es) were left behind"));
        }
        out.println();
        out.println(style.bold("verdict: ") + report.verdict());
        if (!charts.isEmpty()) out.println("chart: " + String.join(", ", charts));
        out.flush();
    }

    static String micros(double us) {
        return us >= 100 ? String.format(Locale.ROOT, "%,.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    static String bytes(long b) {
        if (b < 0) return "?";
        double mib = b / (double) (1L << 20);
        return mib >= 1024 ? String.format(Locale.ROOT, "%.1fG", mib / 1024) : String.format(Locale.ROOT, "%.0fM", mib);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
