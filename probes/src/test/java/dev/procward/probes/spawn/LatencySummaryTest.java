package dev.procward.probes.spawn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LatencySummaryTest {

    @Test
    void oneToHundredMicrosecondsGiveTheTextbookPercentiles() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) nanos[i] = (100 - i) * 1_000L; // shuffled order must not matter
        LatencySummary s = LatencySummary.ofNanos(nanos);
        assertEquals(100, s.count());
        assertEquals(1.0, s.minMicros(), 1e-9);
        assertEquals(50.5, s.medianMicros(), 1e-9, "even count: mean of the middle two");
        assertEquals(90.1, s.p90Micros(), 1e-9, "rank 0.9*99 = 89.1 → 90 + 0.1*(91-90)");
        assertEquals(99.01, s.p99Micros(), 1e-9);
        assertEquals(100.0, s.maxMicros(), 1e-9);
    }

    @Test
    void oddCountMedianIsTheMiddleSample() {
        LatencySummary s = LatencySummary.ofNanos(new long[]{5_000, 1_000, 3_000});
        assertEquals(3.0, s.medianMicros(), 1e-9);
        assertEquals(1.0, s.minMicros(), 1e-9);
        assertEquals(5.0, s.maxMicros(), 1e-9);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencySummary s = LatencySummary.ofNanos(new long[]{2_500});
        assertEquals(2.5, s.minMicros());
        assertEquals(2.5, s.medianMicros());
        assertEquals(2.5, s.p99Micros());
        assertEquals(2.5, s.maxMicros());
    }

    @Test
    void outlierMovesTheMaxAndP99ButNotTheMedian() {
        long[] nanos = new long[1000];
        java.util.Arrays.fill(nanos, 600_000);
        nanos[500] = 90_000_000;
        LatencySummary s = LatencySummary.ofNanos(nanos);
        assertEquals(600.0, s.medianMicros(), 1e-9);
        assertEquals(600.0, s.p99Micros(), 1e-9, "one outlier in 1000 is above p99");
        assertEquals(90_000.0, s.maxMicros(), 1e-9);
    }

    @Test
    void inputIsNotReordered() {
        long[] nanos = {3, 1, 2};
        LatencySummary.ofNanos(nanos);
        assertArrayEquals(new long[]{3, 1, 2}, nanos);
    }

    @Test
    void percentileRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.ofNanos(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[]{1}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.percentile(new long[]{1}, Double.NaN));
    }
}
