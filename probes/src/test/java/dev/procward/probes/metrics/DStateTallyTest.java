package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DStateTallyTest {

    static DStateTally.Observation d(String wchan, String syscall) {
        return new DStateTally.Observation(wchan, syscall);
    }

    @Test
    void countsObservationsPerWchanAndSyscallAcrossSamples() {
        DStateTally t = new DStateTally(10);
        t.record(List.of(d("nfs_wait", "read"), d("nfs_wait", "read"), d("io_schedule", "fsync")));
        t.record(List.of(d("nfs_wait", "read")));
        t.record(List.of());
        var v = t.view();
        assertEquals(3, v.samples());
        assertEquals(0, v.lastSampleThreads());
        assertEquals(Map.of("nfs_wait", 3L, "io_schedule", 1L), v.byWchan());
        assertEquals(Map.of("read", 3L, "fsync", 1L), v.bySyscall());
    }

    @Test
    void newWchansBeyondTheBudgetLandInOtherAndOldSeriesKeepGrowing() {
        DStateTally t = new DStateTally(1);
        t.record(List.of(d("a", "1"), d("b", "2")));
        t.record(List.of(d("a", "1"), d("c", "3")));
        var v = t.view();
        assertEquals(Map.of("a", 2L, "other", 2L), v.byWchan());
        assertEquals(Map.of("1", 2L, "other", 2L), v.bySyscall());
        assertEquals(2, v.lastSampleThreads());
    }
}
