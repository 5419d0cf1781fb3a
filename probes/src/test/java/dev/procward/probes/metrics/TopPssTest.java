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
        var r = TopPss.select(c, 2, k -> { reads.add(k); return OptionalLong.of(pss.get(k)); });
        assertEquals(List.of(2, 3), r.top().stream().map(TopPss.Ranked::key).toList());
        assertEquals(List.of(1, 2, 3), reads, "after 3, the 2nd best PSS (70) >= next RSS (10)");
        assertEquals(3, r.pssReads());
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
            var fast = TopPss.select(cands, n, k -> OptionalLong.of(pss[k]));
            List<Long> expected = cands.stream().filter(x -> x.rssBytes() > 0)
                    .map(x -> pss[x.key()]).sorted((a, b) -> Long.compare(b, a)).limit(n).toList();
            assertEquals(expected, fast.top().stream().map(TopPss.Ranked::pssBytes).toList());
        }
    }

    @Test
    void aProcessThatVanishedIsSkippedNotRanked() {
        var r = TopPss.select(List.of(new TopPss.Candidate<>(1, 100), new TopPss.Candidate<>(2, 50)), 2,
                k -> k == 1 ? OptionalLong.empty() : OptionalLong.of(40));
        assertEquals(List.of(new TopPss.Ranked<>(2, 40)), r.top());
    }

    @Test
    void processesWithoutMemoryAreNeverRead() {
        var r = TopPss.select(List.of(new TopPss.Candidate<>(2, 0)), 3, k -> fail("kthreads have no smaps"));
        assertTrue(r.top().isEmpty());
    }
}
