package dev.procward.probes;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {
    @Test
    void commRunsToTheLastClosingParenthesis() {
        ProcStat s = ProcStat.parse("42 (a) (b) c) S 1 42 42 0 -1 4194304 1 0 0 0 3 4 0 0 20 0 1 0 100 1000 5 18446744073709551615 0 0");
        assertEquals(42, s.pid());
        assertEquals("a) (b) c", s.comm());
        assertEquals('S', s.state());
        assertEquals(1, s.ppid());
        assertEquals(-1, s.tpgid());
        assertEquals(7, s.cpuTicks());
        assertEquals(5, s.rss());
    }

    @Test
    void readsASleeperLikeProcps() {
        ProcStat s = ProcStat.parse(Fixtures.text("sleeper/stat"));
        assertEquals("sleep", s.comm());
        assertEquals('S', s.state());
        assertEquals(1, s.numThreads());
        assertEquals(0, s.nice());
        assertTrue(s.rss() > 0);
        assertFalse(s.kernelThread());
    }

    @Test
    void recognisesKernelThreadsAndZombies() {
        ProcStat k = ProcStat.parse(Fixtures.text("kthread/stat"));
        assertEquals("kthreadd", k.comm());
        assertTrue(k.kernelThread());
        ProcStat z = ProcStat.parse(Fixtures.text("zombie/stat"));
        assertTrue(z.zombie());
        assertEquals(0, z.vsize());
    }

    @Test
    void rejectsTextWithoutCommOrFields() {
        assertThrows(ProcParseException.class, () -> ProcStat.parse("12 sleep S 1"));
        assertThrows(ProcParseException.class, () -> ProcStat.parse("12 (sleep) S 1 2 3"));
        assertThrows(ProcParseException.class, () -> ProcStat.parse("x (sleep) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22"));
    }
}
