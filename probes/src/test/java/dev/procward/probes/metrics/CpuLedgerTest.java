package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class CpuLedgerTest {

    static CpuLedger.Usage use(int pid, long start, String group, double user, double sys) {
        return new CpuLedger.Usage(new CpuLedger.ProcessKey(pid, start), group, user, sys);
    }

    @Test
    void firstScrapeIsABaselineThenOnlyGrowthCounts() {
        CpuLedger l = new CpuLedger();
        var t0 = l.record(List.of(use(10, 1, "web", 100, 50)), Set.of("web", "db"));
        assertEquals(new CpuLedger.Totals(0, 0), t0.get("web"));
        assertEquals(new CpuLedger.Totals(0, 0), t0.get("db"), "a configured group is reported even when empty");
        var t1 = l.record(List.of(use(10, 1, "web", 103, 51)), Set.of("web", "db"));
        assertEquals(new CpuLedger.Totals(3, 1), t1.get("web"));
    }

    @Test
    void anExitingMemberNeverMakesTheCounterGoDown() {
        CpuLedger l = new CpuLedger();
        l.record(List.of(use(10, 1, "web", 1, 1), use(11, 1, "web", 5, 5)), Set.of("web"));
        l.record(List.of(use(10, 1, "web", 2, 1), use(11, 1, "web", 6, 5)), Set.of("web"));
        var t = l.record(List.of(use(10, 1, "web", 2, 1)), Set.of("web"));
        assertEquals(new CpuLedger.Totals(2, 0), t.get("web"));
    }

    @Test
    void aNewProcessOrAReusedPidBringsAllItsCpu() {
        CpuLedger l = new CpuLedger();
        l.record(List.of(use(10, 1, "web", 7, 0)), Set.of("web"));
        var t = l.record(List.of(use(10, 999, "web", 0.5, 0.25), use(12, 5, "web", 1, 0)), Set.of("web"));
        assertEquals(new CpuLedger.Totals(1.5, 0.25), t.get("web"));
    }
}
