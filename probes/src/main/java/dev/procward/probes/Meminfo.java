package dev.procward.probes;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /proc/meminfo}: every "Key: N kB" line, in kB (HugePages_* counts as given). */
public record Meminfo(Map<String, Long> values) {
    public Meminfo {
        values = Map.copyOf(values);
    }

    /** The value in kB, or -1 when the kernel does not write that line. */
    public long kb(String key) {
        return values.getOrDefault(key, -1L);
    }

    public long memTotalKb() {
        return kb("MemTotal");
    }

    public long memAvailableKb() {
        return kb("MemAvailable");
    }

    public static Meminfo parse(String text) {
        if (text == null) throw new ProcParseException("meminfo", "no text");
        var m = new LinkedHashMap<String, Long>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            m.put(line.substring(0, colon), Numbers.parseKb(line.substring(colon + 1), "meminfo"));
        }
        if (m.isEmpty()) throw new ProcParseException("meminfo", "no values");
        return new Meminfo(m);
    }
}
