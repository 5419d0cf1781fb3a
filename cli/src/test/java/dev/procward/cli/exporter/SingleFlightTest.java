package dev.procward.cli.exporter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

class SingleFlightTest {

    @Test
    void concurrentCallersShareOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        SingleFlight<Integer> sf = new SingleFlight<>(() -> {
            entered.countDown();
            await(release);
            return loads.incrementAndGet();
        }, Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            results.add(pool.submit(sf::get));
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(sf::get));
            }
            // Let the followers reach the shared future before the leader finishes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sf.waiting() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(8, sf.waiting(), "all eight callers wait on the one load");
            release.countDown();
            for (Future<Integer> f : results) {
                assertEquals(1, f.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFinishedResultIsReusedOnlyWithinTheWindow() {
        AtomicLong now = new AtomicLong();
        AtomicInteger loads = new AtomicInteger();
        SingleFlight<Integer> sf = new SingleFlight<>(loads::incrementAndGet, Duration.ofSeconds(1), now::get);
        assertEquals(1, sf.get());
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertEquals(1, sf.get());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(2, sf.get());
    }

    @Test
    void withAZeroWindowEverySequentialCallLoadsAfresh() {
        AtomicInteger loads = new AtomicInteger();
        SingleFlight<Integer> sf = new SingleFlight<>(loads::incrementAndGet, Duration.ZERO);
        assertEquals(1, sf.get());
        assertEquals(2, sf.get());
    }

    @Test
    void aFailedLoadReachesTheCallerAndIsNotCached() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlight<Integer> sf = new SingleFlight<>(() -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("proc unreadable");
            return 7;
        }, Duration.ofHours(1));
        assertEquals("proc unreadable", assertThrows(IllegalStateException.class, sf::get).getMessage());
        assertEquals(7, sf.get());
    }

    private static void await(CountDownLatch l) {
        try {
            assertTrue(l.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
