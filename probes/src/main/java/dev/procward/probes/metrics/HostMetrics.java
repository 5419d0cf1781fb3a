package dev.procward.probes.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one scrape reports, taken from one snapshot of a /proc root. Label values in here
 * are already bounded: parent comms cut to a top K, the PSS ranking to N entries, groups to the
 * configured ones. Values the host did not let us read are empty rather than zero, so /metrics
 * leaves the series out instead of lying.
 */
public record HostMetrics(
        int processes,
        int threads,
        int zombies,
        Map<String, Long> zombiesByParentComm,
        OptionalLong pidMax,
        List<CgroupPids> cgroupPids,
        Optional<FileHandles> fileHandles,
        Optional<Pid1> pid1,
        OptionalLong oomKills,
        List<TopProcess> topPss,
        List<GroupStats> groups,
        Cost cost) {

    public HostMetrics {
        zombiesByParentComm = Map.copyOf(zombiesByParentComm);
        cgroupPids = List.copyOf(cgroupPids);
        topPss = List.copyOf(topPss);
        groups = List.copyOf(groups);
    }

    /** A cgroup's pids controller: tasks in it against its {@code pids.max} (empty = max). */
    public record CgroupPids(String cgroup, long current, OptionalLong max) {}

    /** {@code /proc/sys/fs/file-nr}: handles allocated against {@code file-max}. */
    public record FileHandles(long allocated, long max) {}

    /** Who PID 1 is and whether it reaps its children (as the doctor judges it). */
    public record Pid1(String comm, boolean reaps) {}

    /** One entry of the PSS ranking; {@code cmdline} only when the operator asked for it. */
    public record TopProcess(int rank, int pid, String comm, long pssBytes, Optional<String> cmdline) {}

    /** One configured process group; CPU is the running total from {@link CpuLedger}. */
    public record GroupStats(String name, int processes, long threads, long residentBytes, long openFds,
                             double cpuUserSeconds, double cpuSystemSeconds) {}

    /**
     * What the snapshot cost: the exporter's self-metrics. {@code pssReads} counts this snapshot's
     * reads (0 when the ranking was reused); {@code topPssExact} is false when the read cap cut the
     * ranking short; {@code topPssAgeSeconds} is how old the reused ranking is;
     * {@code listingAgeSeconds} is how old the D-state sweep whose stat lines served as the listing
     * was, or 0 when the snapshot read every stat itself.
     */
    public record Cost(double seconds, int processesRead, int gaps, int pssReads, boolean topPssExact, double topPssAgeSeconds,
                       double listingAgeSeconds) {}
}
