package dev.procward.probes.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a label's set of values bounded. Gauges are cut per scrape ({@link #topK}); counters need
 * stable series, so their values are admitted first come, first served and never move
 * ({@link #admit}), which keeps every series monotonic.
 */
public final class LabelBudget {

    /** The value that stands for everything past the budget. */
    public static final String OTHER = "other";

    private final int maxValues;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public LabelBudget(int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("a label budget needs room for at least one value, got " + maxValues);
        }
        this.maxValues = maxValues;
    }

    public int maxValues() {
        return maxValues;
    }

    /**
     * The label value to use for {@code value}: itself while the budget has room or it was admitted
     * before, otherwise {@link #OTHER}. Thread-safe; the budget may be overshot by at most the
     * number of racing threads, never unboundedly.
     */
    public String admit(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        if (admitted.size() < maxValues) {
            admitted.add(value);
            return value;
        }
        return OTHER;
    }

    /**
     * The {@code k} largest counts by value (ties by name, for stable output); the rest are summed
     * under {@link #OTHER}, which appears only when something was folded into it.
     */
    public static Map<String, Long> topK(Map<String, Long> counts, int k) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        long rest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            var e = sorted.get(i);
            if (i < k && !e.getKey().equals(OTHER)) {
                out.put(e.getKey(), e.getValue());
            } else {
                rest += e.getValue();
            }
        }
        if (rest > 0) {
            out.merge(OTHER, rest, Long::sum);
        }
        return out;
    }
}
