package dev.procward.probes.kernel;

import java.nio.file.Path;

/**
 * {@code /proc/loadavg}: {@code 0.57 0.34 0.16 2/112 12018}. Linux load counts threads in R
 * <em>and</em> D state, which is why a host full of stuck I/O shows a huge load on idle CPUs.
 */
public record LoadAvg(double one, double five, double fifteen, int runnable, int entities, int lastPid) {

    public static LoadAvg parse(String text) {
        String[] f = text.strip().split(" ");
        if (f.length != 5) throw new ProcFormatException("loadavg", "expected 5 fields, got " + f.length);
        String[] rt = f[3].split("/", -1);
        if (rt.length != 2) throw new ProcFormatException("loadavg", "expected RUNNABLE/TOTAL: " + ProcFormatException.abbreviate(f[3]));
        return new LoadAvg(
                ProcFormatException.parseDouble("loadavg", f[0]),
                ProcFormatException.parseDouble("loadavg", f[1]),
                ProcFormatException.parseDouble("loadavg", f[2]),
                ProcFormatException.parseInt("loadavg", rt[0]),
                ProcFormatException.parseInt("loadavg", rt[1]),
                ProcFormatException.parseInt("loadavg", f[4]));
    }

    public static Readout<LoadAvg> read(Path procRoot) {
        return ProcFiles.readString(procRoot.resolve("loadavg")).map(LoadAvg::parse);
    }
}
