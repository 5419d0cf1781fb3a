package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TopPssTest {

    @Test
    void stopsReadingOnceNobodyLeftCanEnterTheTop() {
        // rss: 100, 90, 80, 10, 5 ; pss: 60, 85, 70, 9, 4
        Map<Integer, Long> pss = Map.of(1, 60L, 2, 85L, 3, 70L, 4, 9L, 5, 4L);
        List<TopPss.Candidate<Integer>> c = List.of(
                new TopPss.Candidate<>(4, 10), new TopPss.Candidate<>(1, 100), new TopPss.Candidate<>(2, 90),
                new TopPss.Candidate<>(5, 5), new TopPss.Candidate<>(3, 80));
        List<Integer> reads = new ArrayList<>();
        var r = TopPss.select(c, 2, 100, k -> { reads.add(k); return OptionalLong.of(pss.get(k)); });
        assertEquals(List.of(2, 3), r.top().stream().map(TopPss.Ranked::key).toList());
        assertEquals(List.of(1, 2, 3), reads, "after 3, the 2nd best PSS (70) >= next RSS (10)");
        assertEquals(3, r.pssReads());
        assertTrue(r.exact());
    }

    @Test
    void aCrowdOfForkedWorkersHitsTheReadCapAndIsMarkedInexact() {
        // 100 workers sharing most pages: RSS 50, PSS 5 each, plus one process with PSS 40 at RSS 45.
        List<TopPss.Candidate<Integer>> c = new ArrayList<>();
        for (int i = 0; i < 100; i++) c.add(new TopPss.Candidate<>(i, 50));
        c.add(new TopPss.Candidate<>(1000, 45));
        List<Integer> reads = new ArrayList<>();
        var r = TopPss.select(c, 2, 10, k -> { reads.add(k); return OptionalLong.of(k == 1000 ? 40 : 5); });
        assertEquals(10, reads.size(), "never more reads than the cap");
        assertFalse(r.exact(), "the PSS-40 process was never read");
        assertTrue(TopPss.select(c, 2, 1000, k -> OptionalLong.of(k == 1000 ? 40 : 5)).exact());
    }

    @Test
    void agreesWithReadingEverythingOnRandomHosts() {
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + rnd.nextInt(5);
            List<TopPss.Candidate<Integer>> cands = new ArrayList<>();
            long[] pss = new long[60];
            for (int pid = 0; pid < pss.length; pid++) {
                long rss = rnd.nextInt(1000);
                pss[pid] = rss == 0 ? 0 : rnd.nextLong(rss + 1);
                cands.add(new TopPss.Candidate<>(pid, rss));
            }
            var fast = TopPss.select(cands, n, Integer.MAX_VALUE, k -> OptionalLong.of(pss[k]));
            List<Long> expected = cands.stream().filter(x -> x.rssBytes() > 0)
                    .map(x -> pss[x.key()]).sorted((a, b) -> Long.compare(b, a)).limit(n).toList();
            assertEquals(expected, fast.top().stream().map(TopPss.Ranked::pssBytes).toList());
        }
    }

    @Test
    void aProcessThatVanishedIsSkippedNotRanked() {
        var r = TopPss.select(List.of(new TopPss.Candidate<>(1, 100), new TopPss.Candidate<>(2, 50)), 2, 100,
                k -> k == 1 ? OptionalLong.empty() : OptionalLong.of(40));
        assertEquals(List.of(new TopPss.Ranked<>(2, 40)), r.top());
    }

    @Test
    void processesWithoutMemoryAreNeverRead() {
        var r = TopPss.select(List.of(new TopPss.Candidate<>(2, 0)), 3, 100, k -> fail("kthreads have no smaps"));
        assertTrue(r.top().isEmpty());
    }
}
