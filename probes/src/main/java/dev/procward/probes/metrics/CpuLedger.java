package dev.procward.probes.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the CPU time of a changing set of processes into counters that never go down, as
 * process-exporter does. A group's counter grows by what each member used since the last scrape;
 * a member that exits takes nothing away. The first scrape only takes a baseline, and a process
 * first seen later contributes all the CPU it has used, since it most likely started in between.
 * A process is identified by pid and start time, so a reused pid is a new process.
 */
public final class CpuLedger {

    public record ProcessKey(int pid, long startTicks) {}

    /** CPU used so far by one member, in seconds. */
    public record Usage(ProcessKey key, String group, double userSeconds, double systemSeconds) {}

    public record Totals(double userSeconds, double systemSeconds) {
        Totals plus(double user, double system) {
            return new Totals(userSeconds + user, systemSeconds + system);
        }
    }

    private Map<ProcessKey, Usage> previous = null;
    private final Map<String, Totals> totals = new HashMap<>();

    /** Feeds one scrape's members (every group at once) and returns the running totals per group. */
    public synchronized Map<String, Totals> record(Iterable<Usage> members, Set<String> groups) {
        boolean baseline = previous == null;
        Map<ProcessKey, Usage> now = new HashMap<>();
        for (String g : groups) {
            totals.putIfAbsent(g, new Totals(0, 0));
        }
        for (Usage u : members) {
            now.put(u.key(), u);
            if (baseline) {
                continue;
            }
            Usage before = previous.get(u.key());
            double du = u.userSeconds() - (before == null ? 0 : before.userSeconds());
            double ds = u.systemSeconds() - (before == null ? 0 : before.systemSeconds());
            totals.merge(u.group(), new Totals(Math.max(0, du), Math.max(0, ds)),
                    (a, b) -> a.plus(b.userSeconds(), b.systemSeconds()));
        }
        previous = now;
        return Map.copyOf(totals);
    }
}
