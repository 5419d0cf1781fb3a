package dev.procward.probes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /proc/PID/sched}: the scheduler's view ("key : value" lines after a two-line header).
 * Values stay text: some are fractional milliseconds, and the set differs between kernels.
 */
public record SchedStats(Map<String, String> values) {
    public SchedStats {
        values = Map.copyOf(values);
    }

    /** A whole-number value, or -1 when absent or not a whole number. */
    public long longValue(String key) {
        String v = values.get(key);
        if (v == null) return -1;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The scheduling policy number (0 normal, 1 fifo, 2 rr, 3 batch, 5 idle, 6 deadline), or -1. */
    public int policy() {
        return (int) longValue("policy");
    }

    /** The kernel priority (0..139; 120 is nice 0), or -1. */
    public int prio() {
        return (int) longValue("prio");
    }

    public static SchedStats parse(String text) {
        if (text == null) throw new ProcParseException("sched", "no text");
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.startsWith("-")) continue;
            String key = line.substring(0, colon).strip();
            if (key.isEmpty() || key.contains(" ")) continue;
            m.put(key, line.substring(colon + 1).strip());
        }
        if (m.isEmpty()) throw new ProcParseException("sched", "no values");
        return new SchedStats(m);
    }

    /** The name of a policy number, as chrt prints it. */
    public static String policyName(int policy) {
        return switch (policy) {
            case 0 -> "SCHED_OTHER";
            case 1 -> "SCHED_FIFO";
            case 2 -> "SCHED_RR";
            case 3 -> "SCHED_BATCH";
            case 5 -> "SCHED_IDLE";
            case 6 -> "SCHED_DEADLINE";
            default -> "policy " + policy;
        };
    }
}
