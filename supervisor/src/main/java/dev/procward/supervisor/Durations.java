package dev.procward.supervisor;

import java.time.Duration;

/** Durations as users type them: "10s", "500ms", "2m", "1.5s", "250us", "100ns"; a bare number is seconds. */
public final class Durations {
    private Durations() {}

    /** @throws IllegalArgumentException with a one-line message */
    public static Duration parse(String text) {
        String t = text.strip();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) i++;
        if (i == 0) throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 10s, 500ms)");
        double value;
        try {
            value = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        long nanosPerUnit = switch (t.substring(i).strip()) {
            case "", "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            case "ns" -> 1L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit in duration '" + text + "' (use ns, us, ms, s, m, h)");
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }
}
