package dev.procward.probes.kernel;

import dev.procward.probes.Gap;
import dev.procward.probes.ProcFileReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads small kernel files whole, turning the races of /proc into {@link Readout} gaps. */
public final class ProcFiles {
    private static final ThreadLocal<ProcFileReader> READER = ThreadLocal.withInitial(() -> new ProcFileReader(16 * 1024));

    private ProcFiles() {}

    public static Readout<String> readString(Path file) {
        try {
            return Readout.of(READER.get().readString(file));
        } catch (IOException e) {
            return Readout.gap(reason(file, e));
        }
    }

    /** EPERM from a read (not an open) arrives as a plain IOException; it is still a permission gap. */
    static Gap.Reason reason(Path file, IOException e) {
        Gap.Reason r = Gap.of(file.toString(), e, false).reason();
        if (r == Gap.Reason.IO_ERROR && String.valueOf(e.getMessage()).contains("Operation not permitted")) {
            return Gap.Reason.PERMISSION_DENIED;
        }
        return r;
    }

    public static Readout<String> readLink(Path link) {
        try {
            return Readout.of(Files.readSymbolicLink(link).toString());
        } catch (IOException e) {
            return Readout.gap(reason(link, e));
        } catch (UnsupportedOperationException e) {
            return Readout.gap(Gap.Reason.IO_ERROR);
        }
    }
}
