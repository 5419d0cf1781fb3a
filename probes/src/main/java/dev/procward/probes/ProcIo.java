package dev.procward.probes;

/** {@code /proc/PID/io}: I/O counters (bytes and calls). Readable only by the owner or root. */
public record ProcIo(long rchar, long wchar, long syscr, long syscw, long readBytes, long writeBytes,
                     long cancelledWriteBytes) {
    public static ProcIo parse(String text) {
        if (text == null) throw new ProcParseException("io", "no text");
        long[] v = {-1, -1, -1, -1, -1, -1, -1};
        String[] keys = {"rchar", "wchar", "syscr", "syscw", "read_bytes", "write_bytes", "cancelled_write_bytes"};
        boolean any = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String key = line.substring(0, colon);
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].equals(key)) {
                    v[i] = Numbers.parseLong(line.substring(colon + 1), "io " + key);
                    any = true;
                }
            }
        }
        if (!any) throw new ProcParseException("io", "no counters");
        return new ProcIo(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
