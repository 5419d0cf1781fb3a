package dev.procward.probes.spawn;

import dev.procward.probes.spawn.Method.HostKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which parents can hold their memory at the same time. Every host of a cell is its own process
 * with the full parent size touched, so five hosts at 4 GiB need 20 GiB at once. When that does not
 * fit in {@code MemAvailable} (less a quarter of it, at least 1 GiB, for everything else), the hosts run
 * in successive groups; methods interleave within a group. The first group holds the benchmarking
 * JVM and, in order, the C harness and the default ProcessBuilder, so the comparisons the targets
 * are about are always made side by side. A host too big on its own is skipped with the reason.
 */
public record MemoryPlan(List<List<HostKind>> groups, Map<HostKind, String> skipped) {
    /** A child JVM's own footprint beyond its heap: code cache, metaspace, thread stacks. */
    static final long JVM_OVERHEAD = 96L << 20;
    static final long HARNESS_OVERHEAD = 8L << 20;
    static final long MIN_RESERVE = 1L << 30;
    /**
     * A quarter of MemAvailable stays free for everything else on the machine: on a shared host
     * other processes grow while the lab runs, and a 4 GiB child JVM once met the OOM killer with
     * a reserve of a tenth.
     */
    static final long RESERVE_DIVISOR = 4;

    public static MemoryPlan of(List<HostKind> hosts, long parentBytes, long availableBytes) {
        long budget = availableBytes < 0 ? Long.MAX_VALUE : availableBytes - Math.max(MIN_RESERVE, availableBytes / RESERVE_DIVISOR);
        List<List<HostKind>> groups = new ArrayList<>();
        Map<HostKind, String> skipped = new LinkedHashMap<>();
        List<HostKind> current = new ArrayList<>();
        long used = 0;
        for (HostKind host : hosts.stream().sorted().distinct().toList()) {
            long need = cost(host, parentBytes);
            if (need > budget) {
                skipped.put(host, "needs " + gib(need) + " GiB, only " + gib(Math.max(0, budget))
                        + " GiB can be spared (MemAvailable less a reserve)");
                continue;
            }
            if (used + need > budget && !current.isEmpty()) {
                groups.add(List.copyOf(current));
                current.clear();
                used = 0;
            }
            current.add(host);
            used += need;
        }
        if (!current.isEmpty()) groups.add(List.copyOf(current));
        return new MemoryPlan(List.copyOf(groups), Map.copyOf(skipped));
    }

    static long cost(HostKind host, long parentBytes) {
        return switch (host) {
            case BENCH_JVM -> parentBytes;
            case C_HARNESS -> parentBytes + HARNESS_OVERHEAD;
            case JVM_POSIX_SPAWN, JVM_FORK, JVM_VFORK -> parentBytes + JVM_OVERHEAD;
        };
    }

    private static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }
}
