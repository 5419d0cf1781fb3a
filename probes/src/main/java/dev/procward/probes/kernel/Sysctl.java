package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;

/**
 * Single-number sysctls under {@code /proc/sys}: {@code kernel/pid_max}, {@code kernel/threads-max},
 * {@code fs/file-max}.
 */
public enum Sysctl {
    PID_MAX("kernel/pid_max"),
    THREADS_MAX("kernel/threads-max"),
    FILE_MAX("fs/file-max");

    private final String relative;

    Sysctl(String relative) {
        this.relative = relative;
    }

    public String path() {
        return "sys/" + relative;
    }

    public static long parse(String text) {
        long v = Parse.parseLong("sysctl", text.strip());
        if (v < 0) throw new ProcParseException("sysctl", "negative value " + v);
        return v;
    }

    public Readout<Long> read(Path procRoot) {
        return ProcFiles.readString(procRoot.resolve("sys").resolve(relative)).map(Sysctl::parse);
    }
}
