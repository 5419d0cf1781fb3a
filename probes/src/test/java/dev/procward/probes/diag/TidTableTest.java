package dev.procward.probes.diag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TidTableTest {

    @Test
    void findsWhatWasPutAndNothingElse() {
        TidTable t = new TidTable();
        assertTrue(t.put(42, 7, 1));
        assertFalse(t.put(42, 8, 1), "a tid keeps its first descriptor");
        int slot = t.find(42);
        assertTrue(slot >= 0);
        assertEquals(7, t.fd(slot));
        assertEquals(-1, t.find(43));
        assertEquals(1, t.size());
        assertThrows(IllegalArgumentException.class, () -> t.put(0, 1, 1));
    }

    @Test
    void removesOnlyTheNamedDescriptor() {
        TidTable t = new TidTable();
        t.put(42, 7, 1);
        assertFalse(t.remove(42, 8), "another descriptor of the tid: stays");
        assertFalse(t.remove(41, 7));
        assertTrue(t.remove(42, 7));
        assertEquals(-1, t.find(42));
        assertEquals(0, t.size());
    }

    @Test
    void removeUnseenHandsBackTheDescriptorsOfThreadsASweepDidNotSee() {
        TidTable t = new TidTable();
        for (int tid = 1; tid <= 1000; tid++) t.put(tid, 10_000 + tid, 1);
        for (int tid = 1; tid <= 1000; tid += 2) t.see(t.find(tid), 2);
        List<Integer> closed = new ArrayList<>();
        t.removeUnseen(2, closed::add);
        assertEquals(500, closed.size());
        assertTrue(closed.stream().allMatch(fd -> (fd - 10_000) % 2 == 0), "the even tids were not seen");
        assertEquals(500, t.size());
        for (int tid = 1; tid <= 1000; tid++) {
            if (tid % 2 == 1) assertEquals(10_000 + tid, t.fd(t.find(tid)));
            else assertEquals(-1, t.find(tid));
        }
    }

    /** Random puts and removes against a HashMap: growth, collisions and backward-shift deletion (wrapping too). */
    @Test
    void agreesWithAHashMapUnderRandomChanges() {
        Random random = new Random(5);
        TidTable t = new TidTable();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            int tid = 1 + random.nextInt(step < 100_000 ? 300 : 32_768); // a small range first: dense clusters
            if (random.nextInt(3) == 0) {
                Integer fd = expected.get(tid);
                assertEquals(fd != null, fd != null && t.remove(tid, fd));
                expected.remove(tid);
            } else {
                assertEquals(!expected.containsKey(tid), t.put(tid, step, 0));
                expected.putIfAbsent(tid, step);
            }
            if (step % 997 == 0) {
                assertEquals(expected.size(), t.size());
                for (var e : expected.entrySet()) assertEquals(e.getValue(), t.fd(t.find(e.getKey())), "tid " + e.getKey());
            }
        }
    }
}
