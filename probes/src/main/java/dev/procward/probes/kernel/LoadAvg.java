package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;

/**
 * {@code /proc/loadavg}: {@code 0.57 0.34 0.16 2/112 12018}. Linux load counts threads in R
 * <em>and</em> D state, which is why a host full of stuck I/O shows a huge load on idle CPUs.
 */
public record LoadAvg(double one, double five, double fifteen, int runnable, int entities, int lastPid) {

    public static LoadAvg parse(String text) {
        String[] f = text.strip().split(" ");
        if (f.length != 5) throw new ProcParseException("loadavg", "expected 5 fields, got " + f.length);
        String[] rt = f[3].split("/", -1);
        if (rt.length != 2) throw new ProcParseException("loadavg", "expected RUNNABLE/TOTAL: " + Parse.abbreviate(f[3]));
        return new LoadAvg(
                Parse.parseDouble("loadavg", f[0]),
                Parse.parseDouble("loadavg", f[1]),
                Parse.parseDouble("loadavg", f[2]),
                Parse.parseInt("loadavg", rt[0]),
                Parse.parseInt("loadavg", rt[1]),
                Parse.parseInt("loadavg", f[4]));
    }

    public static Readout<LoadAvg> read(Path procRoot) {
        return ProcFiles.readString(procRoot.resolve("loadavg")).map(LoadAvg::parse);
    }
}
