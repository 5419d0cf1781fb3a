package dev.procward.probes.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kernel's flat-keyed files, one {@code KEY VALUE} pair per line: cgroup
 * {@code memory.events}, {@code memory.oom_control}, {@code memory.stat}.
 */
public final class FlatKeyed {
    private FlatKeyed() {}

    public static Map<String, Long> parse(String text, String source) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] kv = line.strip().split("\\s+");
            if (kv.length != 2) throw new ProcFormatException(source, "expected 'key value': " + ProcFormatException.abbreviate(line));
            values.put(kv[0], ProcFormatException.parseLong(source, kv[1]));
        }
        return values;
    }
}
