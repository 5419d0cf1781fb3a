package dev.procward.probes;

/** {@code /proc/uptime}: seconds since boot and aggregate idle seconds. */
public record Uptime(double upSeconds, double idleSeconds) {
    public static Uptime parse(String text) {
        if (text == null) throw new ProcParseException("uptime", "no text");
        String[] f = text.strip().split("\\s+");
        if (f.length < 1 || f[0].isEmpty()) throw new ProcParseException("uptime", "empty");
        return new Uptime(seconds(f[0]), f.length > 1 ? seconds(f[1]) : 0);
    }

    private static double seconds(String s) {
        // Only digits and one dot: Double.parseDouble would also take "NaN", "1e9", "0x1p3".
        if (!s.matches("[0-9]{1,15}(\\.[0-9]{1,9})?")) throw new ProcParseException("uptime", "bad number");
        return Double.parseDouble(s);
    }
}
