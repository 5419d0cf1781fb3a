package dev.procward.probes.spawn;

import dev.procward.probes.spawn.Method.HostKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.procward.probes.spawn.Method.HostKind.*;
import static org.junit.jupiter.api.Assertions.*;

class MemoryPlanTest {
    private static final long GIB = 1L << 30;
    private static final List<HostKind> ALL = List.of(JVM_VFORK, BENCH_JVM, C_HARNESS, JVM_FORK, JVM_POSIX_SPAWN);

    @Test
    void everythingTogetherWhenItFits() {
        MemoryPlan plan = MemoryPlan.of(ALL, 16L << 20, 4 * GIB);
        assertEquals(List.of(List.of(BENCH_JVM, C_HARNESS, JVM_POSIX_SPAWN, JVM_FORK, JVM_VFORK)), plan.groups());
        assertTrue(plan.skipped().isEmpty());
    }

    @Test
    void bigParentsSplitIntoGroupsAndTheComparedOnesStayTogether() {
        // 4 GiB parents, 18 GiB available: the reserve leaves 13.5 GiB, so three hosts at a time.
        MemoryPlan plan = MemoryPlan.of(ALL, 4 * GIB, 18 * GIB);
        assertEquals(List.of(List.of(BENCH_JVM, C_HARNESS, JVM_POSIX_SPAWN), List.of(JVM_FORK, JVM_VFORK)), plan.groups());
    }

    @Test
    void aHostTooBigAloneIsSkippedWithTheReason() {
        MemoryPlan plan = MemoryPlan.of(List.of(BENCH_JVM, JVM_FORK), 8 * GIB, 6 * GIB);
        assertTrue(plan.groups().isEmpty());
        assertTrue(plan.skipped().get(JVM_FORK).contains("GiB"), plan.skipped().toString());
        assertTrue(plan.skipped().containsKey(BENCH_JVM));
    }

    @Test
    void unknownAvailableMemoryPutsEverythingInOneGroup() {
        assertEquals(1, MemoryPlan.of(ALL, 4 * GIB, -1).groups().size());
    }
}
