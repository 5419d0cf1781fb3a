package dev.procward.cli.diag;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.probes.diag.DoctorReport;
import dev.procward.probes.diag.Finding;
import dev.procward.probes.diag.Severity;

import java.io.PrintWriter;
import java.util.List;

/** The one-screen rendering of a {@link DoctorReport}: a headline, one line per check, remedies beneath, top memory users. */
public final class DoctorView {
    private DoctorView() {}

    public static void print(PrintWriter out, DoctorReport r, Style style, int top) {
        var f = r.facts();
        String where = f.inContainer() ? "container" : "host";
        out.println(style.bold("procward doctor") + "  " + where + " · " + f.processes() + " processes · " + f.tasks()
                + " threads · " + (f.cpus() > 0 ? f.cpus() + " CPUs" : "? CPUs") + "  → " + mark(r.worst(), style));
        out.println();
        int width = r.findings().stream().mapToInt(x -> x.check().length()).max().orElse(8);
        for (Finding x : r.findings()) {
            out.println("  " + mark(x.severity(), style) + " ".repeat(6 - word(x.severity()).length()) + pad(x.check(), width)
                    + "  " + x.summary());
            if (!x.remedy().isEmpty() && x.severity().compareTo(Severity.WARNING) >= 0) {
                out.println("  " + " ".repeat(5) + " " + " ".repeat(width) + "  " + style.dim("→ " + x.remedy()));
            }
        }
        if (!r.topPss().isEmpty() && top > 0) {
            out.println();
            out.println(style.bold("Top memory (PSS)"));
            Table t = new Table(List.of(Table.Column.right("PID"), Table.Column.right("PSS"), Table.Column.right("RSS"),
                    Table.Column.right("OOM"), Table.Column.right("ADJ"), Table.Column.left("COMMAND")));
            r.topPss().stream().limit(top).forEach(m -> t.row(Integer.toString(m.pid()), Human.bytes(m.pssKb() * 1024),
                    Human.bytes(m.rssKb() * 1024), m.oomScore() < 0 ? "?" : Integer.toString(m.oomScore()),
                    Integer.toString(m.oomScoreAdj()), abbreviate(m.cmdline().isEmpty() ? "[" + m.comm() + "]" : m.cmdline(), 70)));
            StringBuilderWriter.indent(out, t, "  ");
        }
        out.flush();
    }

    static String word(Severity s) {
        return switch (s) {
            case OK -> "ok";
            case INFO -> "info";
            case WARNING -> "WARN";
            case CRITICAL -> "CRIT";
        };
    }

    static String mark(Severity s, Style style) {
        return switch (s) {
            case OK -> style.green(word(s));
            case INFO -> style.dim(word(s));
            case WARNING -> style.yellow(word(s));
            case CRITICAL -> style.red(style.bold(word(s)));
        };
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
