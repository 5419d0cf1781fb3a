package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

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
            if (kv.length != 2) throw new ProcParseException(source, "expected 'key value': " + Parse.abbreviate(line));
            values.put(kv[0], Parse.parseLong(source, kv[1]));
        }
        return values;
    }
}
