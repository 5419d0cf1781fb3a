package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;

/**
 * {@code /proc/sys/fs/file-nr}: {@code ALLOCATED UNUSED MAX} file handles, host-wide. Since 2.6
 * UNUSED is always 0, so ALLOCATED is what is in use; MAX equals {@code fs/file-max}.
 */
public record FileNr(long allocated, long unused, long max) {

    public long inUse() {
        return allocated - unused;
    }

    public static FileNr parse(String text) {
        String[] f = text.strip().split("\\s+");
        if (f.length != 3) throw new ProcParseException("file-nr", "expected 3 fields, got " + f.length);
        long a = Parse.parseLong("file-nr", f[0]);
        long u = Parse.parseLong("file-nr", f[1]);
        long m = Parse.parseLong("file-nr", f[2]);
        if (a < 0 || u < 0 || m < 0) throw new ProcParseException("file-nr", "negative count");
        return new FileNr(a, u, m);
    }

    public static Readout<FileNr> read(Path procRoot) {
        return ProcFiles.readString(procRoot.resolve("sys/fs/file-nr")).map(FileNr::parse);
    }
}
