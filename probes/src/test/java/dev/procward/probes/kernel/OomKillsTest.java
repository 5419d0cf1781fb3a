package dev.procward.probes.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OomKillsTest {
    @Test
    void aMemcgKillFromKmsgRecordsCarriesItsVictimAndCgroup() {
        var kills = OomKills.parse(List.of(Fixtures.text("kmsg/kmsg-memcg-oom").split("\n")));
        assertEquals(1, kills.size());
        var k = kills.getFirst();
        assertEquals(16398, k.pid());
        assertEquals("python3", k.comm());
        assertEquals(19200, k.anonRssKb());
        assertEquals(0, k.uid());
        assertEquals(0, k.oomScoreAdj());
        assertTrue(k.cgroupLimit());
        assertEquals("/procward-fixture", k.cgroup());
        assertEquals(1427.3882, k.secondsSinceBoot(), 1e-3);
    }

    @Test
    void dmesgLinesGiveTheSameKill() {
        var kills = OomKills.parse(List.of(Fixtures.text("kmsg/dmesg-memcg-oom").split("\n")));
        assertEquals(1, kills.size());
        assertEquals(16398, kills.getFirst().pid());
        assertEquals(1427.3882, kills.getFirst().secondsSinceBoot(), 1e-3);
    }

    @Test
    void aHostWideKillIsNotACgroupLimit() {
        var kills = OomKills.parse(List.of(
                "[ 99.5] Out of memory: Killed process 77 (java (x)) total-vm:10kB, anon-rss:5kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4kB oom_score_adj:-500"));
        var k = kills.getFirst();
        assertEquals("java (x)", k.comm());
        assertFalse(k.cgroupLimit());
        assertEquals(-500, k.oomScoreAdj());
        assertEquals(1000, k.uid());
        assertNull(k.cgroup());
    }

    @Test
    void unrelatedAndBrokenLinesAreIgnored() {
        assertEquals(List.of(), OomKills.parse(List.of("", "[", "6,1,x,-;hello", "Killed process 99999999999 (x)",
                "Out of memory: Killed process 99999999999 (x)")));
    }
}
