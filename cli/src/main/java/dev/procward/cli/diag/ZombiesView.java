package dev.procward.cli.diag;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.probes.diag.PidHeadroom;
import dev.procward.probes.diag.ZombieReport;

import java.io.PrintWriter;
import java.util.List;

/** The human rendering of a {@link ZombieReport}. */
public final class ZombiesView {
    private ZombiesView() {}

    public static void print(PrintWriter out, ZombieReport r, Style style) {
        if (r.zombies() == 0) {
            out.println(style.green("No zombies.") + "  " + headroom(r.headroom()));
            out.flush();
            return;
        }
        out.println(style.bold(r.zombies() + (r.zombies() == 1 ? " zombie" : " zombies") + " under "
                + r.parents().size() + (r.parents().size() == 1 ? " parent" : " parents")) + "  " + headroom(r.headroom()));
        out.println();
        Table t = new Table(List.of(Table.Column.right("PPID"), Table.Column.left("PARENT"), Table.Column.right("ZOMBIES"),
                Table.Column.right("OLDEST"), Table.Column.left("SIGCHLD"), Table.Column.left("ADOPTER"),
                Table.Column.left("COMMAND")));
        for (var p : r.parents()) {
            t.row(Integer.toString(p.pid()), p.comm(), style.yellow(Integer.toString(p.zombieCount())),
                    Human.age(p.oldestAgeSeconds()), p.sigchld() == null ? "?" : p.sigchld().toString(),
                    p.adopter().pid() + " " + p.adopter().comm() + (p.adopter().inferred() ? "" : " (init)")
                            + (p.adopter().reaps() ? "" : style.yellow(" not reaping?")),
                    p.cmdline().isEmpty() ? "[" + p.comm() + "]" : p.cmdline());
        }
        t.print(out);
        out.println();
        out.println(style.bold("What to do:"));
        for (var p : r.parents()) {
            out.println("  " + p.pid() + " " + p.comm() + ": " + p.advice());
        }
        out.flush();
    }

    public static String headroom(PidHeadroom h) {
        String s = "pids " + (h.pidMax() > 0 ? Human.usage(h.tasks(), h.pidMax()) + " of pid_max" : h.tasks() + " tasks");
        if (h.cgroupPids() != null) {
            s += ", cgroup " + Human.usage(h.cgroupPids().current(), h.cgroupPids().max()) + " of pids.max";
        }
        return s;
    }
}
