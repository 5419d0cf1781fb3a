package dev.procward.probes.spawn;

import java.util.List;

/**
 * Everything one {@code bench spawn} run measured. Records serialise by their components, so this
 * is the JSON schema (documented in docs/spawn.md); {@link #SCHEMA_VERSION} changes when it does.
 *
 * @param cells       one per method, target and parent size that was measured
 * @param unavailable rows that could not be measured, each with the reason (never faked)
 * @param targets     the side-by-side ratios the issue sets as targets, per parent size
 * @param trends      how each row's median moves with the parent's size
 * @param verdict     one line computed from the above
 * @param leftoverChildren children of the benchmarking JVM still present after the run (want 0)
 */
public record SpawnReport(int schemaVersion, MachineFacts machine, Settings settings, List<Cell> cells,
                          List<Unavailable> unavailable, List<TargetCheck> targets, List<Trend> trends,
                          String verdict, int leftoverChildren, double elapsedSeconds) {
    public static final int SCHEMA_VERSION = 1;

    /**
     * What was asked for. Java rows first make {@code jitWarmupSpawns} unmeasured spawns (at most
     * {@code jitWarmupMaxSeconds}) so their spawn path is compiled; then every row makes
     * {@code warmup} unmeasured and {@code iterations} measured spawns, interleaved.
     */
    public record Settings(List<String> methods, List<String> parentSizes, List<String> targets,
                           int iterations, int warmup, double maxSecondsPerCell,
                           int jitWarmupSpawns, double jitWarmupMaxSeconds) {}

    /**
     * One measured cell.
     *
     * @param target          the target's label, or {@code null} for the creation floors (no exec)
     * @param parentRssBytes  the spawning process's measured Rss when the cell started (-1 unknown)
     * @param parentAnonHugeBytes how much of it was transparent huge pages (-1 unknown)
     * @param group           memory group the cell ran in (0 = with the benchmarking JVM)
     * @param jitWarmupSpawns unmeasured spawns this method's JVM made just before, to warm its JIT
     *                        (0 for C, and for the benchmarking JVM once it is warm)
     * @param spawned         children spawned and reaped, warm-up included
     * @param unreapedAfter   children of that parent still present after the cell (want 0)
     * @param timeCapped      true when --max-seconds stopped the cell before --iterations
     */
    public record Cell(String method, String label, String target, String parent, long parentBytes,
                       boolean hugePages, long parentPid, long parentRssBytes, long parentAnonHugeBytes,
                       int group, int jitWarmupSpawns, int spawned, int unreapedAfter, boolean timeCapped, LatencySummary latency) {}

    /** A row that was not measured. {@code parent} is null when the reason holds for every size. */
    public record Unavailable(String method, String target, String parent, String reason) {}

    /**
     * One target ratio at one parent size: {@code ratio = measured median / reference median}.
     * {@code sideBySide} is false when memory forced the two into different groups, so that they
     * were not interleaved with each other.
     */
    public record TargetCheck(String measured, String reference, String target, String parent,
                              double ratio, double limit, boolean met, boolean sideBySide) {}

    /**
     * The least-squares slope of a row's median against parent size, over the sizes with the same
     * huge-page setting; {@code flat} when the largest size's median is within 25% (or 0.1 ms) of
     * the smallest's.
     */
    public record Trend(String method, String target, boolean hugePages, double msPerGib,
                        double smallestMedianMicros, double largestMedianMicros, boolean flat) {}
}
