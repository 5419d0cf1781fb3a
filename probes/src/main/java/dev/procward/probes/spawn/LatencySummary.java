package dev.procward.probes.spawn;

import java.util.Arrays;

/**
 * The distribution of one cell's spawn latencies, in microseconds.
 *
 * <p>Percentiles interpolate linearly between the two nearest ranks (rank = q·(n−1) over the
 * sorted samples, the "type 7" estimator of R and numpy's default), so the median of an even
 * count is the mean of the middle two, and p0 and p100 are the min and max.
 */
public record LatencySummary(int count, double minMicros, double medianMicros, double p90Micros,
                             double p99Micros, double maxMicros) {

    public LatencySummary {
        if (count <= 0) throw new IllegalArgumentException("a latency summary needs at least one sample");
    }

    /** Summarises samples given in nanoseconds; the array is not modified. */
    public static LatencySummary ofNanos(long[] nanos) {
        if (nanos.length == 0) throw new IllegalArgumentException("a latency summary needs at least one sample");
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length,
                micros(sorted[0]),
                micros(percentile(sorted, 0.50)),
                micros(percentile(sorted, 0.90)),
                micros(percentile(sorted, 0.99)),
                micros(sorted[sorted.length - 1]));
    }

    /** The q-quantile (0 ≤ q ≤ 1) of ascending samples, interpolated between nearest ranks. */
    public static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) throw new IllegalArgumentException("no samples");
        if (q < 0 || q > 1 || Double.isNaN(q)) throw new IllegalArgumentException("quantile out of [0,1]: " + q);
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - (double) sorted[below]) * (rank - below);
    }

    private static double micros(double nanos) {
        return nanos / 1_000.0;
    }
}
