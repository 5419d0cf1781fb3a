package dev.procward.cli.diag;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.probes.diag.StuckReport;
import dev.procward.probes.diag.ThreadActivity;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The human rendering of a {@link StuckReport}: psn's grouped table, the D threads' files, the load verdict. */
public final class StuckView {
    private StuckView() {}

    public static void print(PrintWriter out, StuckReport r, boolean allStates, double hz, Style style) {
        String states = ", states " + (allStates ? "D, R and other non-sleeping" : "D") + ", " + r.load().threads() + " threads";
        if (r.fromCapture()) {
            out.println(style.bold("One sweep of a capture") + states);
            out.println(style.yellow("This is " + r.note() + "."));
        } else {
            out.println(style.bold("Sampled " + r.sweeps() + " sweep" + (r.sweeps() == 1 ? "" : "s") + " over "
                    + String.format("%.1fs", r.seconds()) + " at " + fmt(hz) + " Hz") + states);
        }
        out.println();
        if (r.rows().isEmpty()) {
            out.println(style.green("No thread was seen in " + (allStates ? "an active state" : "D state") + "."));
        } else {
            List<Table.Column> cols = new ArrayList<>();
            cols.add(Table.Column.right("SAMPLES"));
            cols.add(Table.Column.right("AVG_THREADS"));
            for (String g : r.groupBy()) cols.add(Table.Column.left(g.toUpperCase()));
            Table t = new Table(cols);
            for (var row : r.rows()) {
                List<String> cells = new ArrayList<>();
                cells.add(Integer.toString(row.samples()));
                cells.add(String.format("%.2f", row.avgThreads()));
                for (String g : r.groupBy()) cells.add(row.group().get(g));
                t.row(cells.toArray(String[]::new));
            }
            t.print(out);
        }
        List<ThreadActivity> onFiles = r.blocked().stream().filter(a -> a.file() != null).toList();
        if (!onFiles.isEmpty()) {
            out.println();
            out.println(style.bold("D-state threads blocked on files"));
            Table t = new Table(List.of(Table.Column.right("PID"), Table.Column.right("TID"), Table.Column.left("COMM"),
                    Table.Column.left("SYSCALL"), Table.Column.right("FD"), Table.Column.left("MOUNT"), Table.Column.left("FSTYPE"),
                    Table.Column.left("DEVICE"), Table.Column.left("KIND"), Table.Column.left("PATH")));
            for (var a : onFiles) {
                var f = a.file();
                String kind = f.network() && f.fuse() ? "network,FUSE" : f.network() ? "network" : f.fuse() ? "FUSE" : "local";
                t.row(Integer.toString(a.pid()), Integer.toString(a.tid()), a.comm(), a.syscall(),
                        f.fd() == -100 ? "cwd" : Integer.toString(f.fd()), nz(f.mountPoint()), nz(f.fsType()), nz(f.device()),
                        f.network() || f.fuse() ? style.yellow(kind) : kind, f.path());
            }
            StringBuilderWriter.indent(out, t, "  ");
            if (onFiles.stream().anyMatch(a -> a.file().network() || a.file().fuse())) {
                out.println(style.dim("  A network or FUSE filesystem that stops answering leaves its callers in D: "
                        + "check the server or the FUSE daemon (source " + onFiles.getFirst().file().source() + ")."));
            }
        }
        if (!r.blocked().isEmpty()) {
            out.println(style.dim("SIGKILL does not end a D-state thread until the wait it is in finishes."));
        }
        out.println();
        out.println(r.load().verdict());
        out.flush();
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    private static String fmt(double hz) {
        return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
    }
}
