package dev.procward.probes;

import dev.procward.probes.inspect.Inspector;
import dev.procward.probes.inspect.ProcessReport;

import java.nio.file.Path;
import java.util.EnumSet;

/**
 * Run by {@link PermissionGapTest} as an unprivileged user: inspects one process and lists every
 * process with all fields, printing the gaps it met, one per line.
 */
public final class GapProbeMain {
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        int pid = Integer.parseInt(args[1]);
        ProcessReport r = Inspector.inspect(root, pid, new Inspector.Options(true, false)).orElseThrow();
        for (Gap g : r.gaps()) System.out.println("inspect " + g);
        for (var t : r.threads()) for (Gap g : t.gaps()) System.out.println("inspect task/" + t.tid() + "/" + g);
        ProcessTable t = Snapshotter.take(root, EnumSet.allOf(Field.class));
        int gaps = 0;
        for (ProcessSnapshot p : t.processes()) gaps += p.gaps().size();
        System.out.println("listed " + t.processes().size() + " processes with " + gaps + " gaps");
    }
}
