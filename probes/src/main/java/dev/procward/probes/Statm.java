package dev.procward.probes;

/** {@code /proc/PID/statm}: sizes in pages. */
public record Statm(long size, long resident, long shared, long text, long lib, long data, long dirty) {
    public static Statm parse(String text) {
        if (text == null) throw new ProcParseException("statm", "no text");
        String[] f = text.strip().split(" ");
        if (f.length < 7) throw new ProcParseException("statm", "expected 7 fields");
        long[] v = new long[7];
        for (int i = 0; i < 7; i++) v[i] = Numbers.parseLong(f[i], 0, f[i].length(), "statm");
        return new Statm(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
