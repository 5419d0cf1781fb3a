package dev.procward.probes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/cmdline}: NUL-separated arguments. Empty for kernel threads and zombies. A
 * process that rewrote its argument area (setproctitle) may leave one argument with spaces, or
 * padding NULs; both are kept as the kernel shows them, minus trailing empty strings.
 */
public record Cmdline(List<String> args) {
    public static final Cmdline EMPTY = new Cmdline(List.of());

    public Cmdline {
        args = List.copyOf(args);
    }

    public boolean isEmpty() {
        return args.isEmpty();
    }

    /** The arguments joined by single spaces, as procps prints them. */
    public String joined() {
        return String.join(" ", args);
    }

    public static Cmdline parse(byte[] buf, int len) {
        if (buf == null || len < 0 || len > buf.length) throw new ProcParseException("cmdline", "bad buffer");
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == 0) {
                out.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < len) out.add(new String(buf, start, len - start, StandardCharsets.UTF_8));
        int end = out.size();
        while (end > 0 && out.get(end - 1).isEmpty()) end--;
        return end == 0 ? EMPTY : new Cmdline(out.subList(0, end));
    }

    public static Cmdline parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, b.length);
    }
}
