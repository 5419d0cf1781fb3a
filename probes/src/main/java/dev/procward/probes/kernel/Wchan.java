package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code /proc/PID/task/TID/wchan}: the kernel function a sleeping thread waits in. The kernel
 * writes {@code 0} (or nothing) for a running thread, or when symbols are hidden from the reader.
 */
public final class Wchan {
    private Wchan() {}

    /** The symbol, or empty when the thread waits nowhere the kernel will name. */
    public static Optional<String> parse(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.equals("0")) return Optional.empty();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) throw new ProcParseException("wchan", "not a symbol name: " + Parse.abbreviate(s));
        }
        return Optional.of(s);
    }

    public static Readout<Optional<String>> read(Path procRoot, int pid, int tid) {
        return ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("task")
                .resolve(Integer.toString(tid)).resolve("wchan")).map(Wchan::parse);
    }
}
