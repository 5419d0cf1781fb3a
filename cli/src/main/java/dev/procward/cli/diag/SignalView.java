package dev.procward.cli.diag;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.probes.diag.SafeSignal;
import dev.procward.probes.diag.SignalTargets;

import java.io.PrintWriter;
import java.util.List;

/** The human rendering of a {@link SafeSignal.Report}. */
public final class SignalView {
    private SignalView() {}

    public static void print(PrintWriter out, SafeSignal.Report r, Style style) {
        for (String w : r.warnings()) out.println(style.yellow("warning: ") + w);
        boolean waited = r.targets().stream().anyMatch(o -> o.gone() != null);
        Table t = new Table(waited
                ? List.of(Table.Column.right("PID"), Table.Column.left("COMM"), Table.Column.left("SENT"), Table.Column.left("AFTER"), Table.Column.left("COMMAND"))
                : List.of(Table.Column.right("PID"), Table.Column.left("COMM"), Table.Column.left("SENT"), Table.Column.left("COMMAND")));
        for (var o : r.targets()) {
            String sent = o.sent() ? style.green(r.name()) : style.red("failed: " + o.error());
            String cmd = o.cmdline().isEmpty() ? "[" + o.comm() + "]" : DoctorView.abbreviate(o.cmdline(), 80);
            if (waited) {
                String after = o.gone() == null ? "-" : o.gone() ? (o.zombie() ? style.yellow("exited (zombie)") : style.green("gone"))
                        : style.red("still running");
                t.row(Integer.toString(o.pid()), o.comm(), sent, after, cmd);
            } else {
                t.row(Integer.toString(o.pid()), o.comm(), sent, cmd);
            }
        }
        t.print(out);
        out.flush();
    }

    public static void printTargets(PrintWriter out, List<SignalTargets.Target> targets, String signal) {
        out.println("would send " + signal + " to:");
        Table t = new Table(List.of(Table.Column.right("PID"), Table.Column.left("STATE"), Table.Column.left("COMM"), Table.Column.left("COMMAND")));
        for (var x : targets) t.row(Integer.toString(x.pid()), Character.toString(x.state()), x.comm(),
                x.cmdline().isEmpty() ? "[" + x.comm() + "]" : x.cmdline());
        t.print(out);
        out.flush();
    }
}
