package dev.procward.probes;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/limits}: a fixed-width table, "Limit  Soft Limit  Hard Limit  Units". The
 * limit name takes the first 26 columns; a value of "unlimited" is null.
 */
public record Limits(List<Limit> limits) {
    public record Limit(String name, Long soft, Long hard, String units) {}

    public Limits {
        limits = List.copyOf(limits);
    }

    public Limit find(String name) {
        for (Limit l : limits) if (l.name().equalsIgnoreCase(name)) return l;
        return null;
    }

    public static Limits parse(String text) {
        if (text == null) throw new ProcParseException("limits", "no text");
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("Limit")) throw new ProcParseException("limits", "no header");
        List<Limit> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            if (line.length() <= 26) throw new ProcParseException("limits", "short line");
            String name = line.substring(0, 26).strip();
            String[] f = line.substring(26).strip().split("\\s+");
            if (f.length < 2) throw new ProcParseException("limits", "expected soft and hard values");
            out.add(new Limit(name, value(f[0]), value(f[1]), f.length > 2 ? f[2] : ""));
        }
        return new Limits(out);
    }

    private static Long value(String s) {
        return s.equals("unlimited") ? null : Numbers.parseLong(s, 0, s.length(), "limits value");
    }
}
