package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LabelBudgetTest {

    @Test
    void topKKeepsTheLargestAndFoldsTheRestIntoOther() {
        Map<String, Long> counts = Map.of("bash", 5L, "make", 3L, "sh", 3L, "cron", 1L, "x", 1L);
        Map<String, Long> top = LabelBudget.topK(counts, 2);
        assertEquals(List.of("bash", "make", "other"), List.copyOf(top.keySet()), "ties broken by name");
        assertEquals(5L, top.get("bash"));
        assertEquals(5L, top.get("other"), "sh + cron + x");
        assertEquals(counts.values().stream().mapToLong(Long::longValue).sum(),
                top.values().stream().mapToLong(Long::longValue).sum(), "nothing is lost");
    }

    @Test
    void topKAddsNoOtherWhenEverythingFits() {
        assertEquals(Map.of("a", 1L), LabelBudget.topK(Map.of("a", 1L), 3));
    }

    @Test
    void aRealValueNamedOtherIsFoldedRatherThanDuplicated() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("other", 10L);
        counts.put("a", 1L);
        Map<String, Long> top = LabelBudget.topK(counts, 5);
        assertEquals(Map.of("a", 1L, "other", 10L), top);
    }

    @Test
    void admittedValuesStayAndLateComersBecomeOther() {
        LabelBudget b = new LabelBudget(2);
        assertEquals("a", b.admit("a"));
        assertEquals("b", b.admit("b"));
        assertEquals("other", b.admit("c"));
        assertEquals("a", b.admit("a"), "an admitted value keeps its own series");
        assertEquals("other", b.admit("d"));
    }

    @Test
    void aBudgetOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabelBudget(0));
    }
}
