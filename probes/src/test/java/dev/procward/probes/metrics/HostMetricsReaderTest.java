package dev.procward.probes.metrics;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The reader against the real /proc of this machine, with real zombies and real processes. */
class HostMetricsReaderTest {

    static final Path PROC = Path.of("/proc");

    @BeforeAll
    static void onLinux() {
        boolean linux = Files.isDirectory(PROC.resolve("self"));
        if ("true".equals(System.getenv("CI"))) assertTrue(linux, "CI runs on Linux with /proc");
        assumeTrue(linux, "needs a real /proc");
    }

    static HostMetricsReader reader(List<GroupRule> groups, boolean cmdline) {
        return new HostMetricsReader(config(groups, cmdline));
    }

    static HostMetricsReader.Config config(List<GroupRule> groups, boolean cmdline) {
        return new HostMetricsReader.Config(PROC, Optional.of(Path.of("/sys/fs/cgroup")), 5, 20, groups, cmdline, Duration.ZERO);
    }

    static HostMetrics until(HostMetricsReader r, Predicate<HostMetrics> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HostMetrics m = r.read();
        while (!done.test(m) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            m = r.read();
        }
        return m;
    }

    @Test
    void countsRealZombiesUnderTheirParentsComm() throws Exception {
        HostMetricsReader r = reader(List.of(), false);
        try (ZombieMaker z = ZombieMaker.start(5, "pw-zomb-rdr")) {
            HostMetrics m = until(r, x -> x.zombiesByParentComm().getOrDefault("pw-zomb-rdr", 0L) == 5);
            assertEquals(5L, m.zombiesByParentComm().get("pw-zomb-rdr"), m.zombiesByParentComm().toString());
            assertTrue(m.zombies() >= 5);
        }
        HostMetrics after = until(r, x -> !x.zombiesByParentComm().containsKey("pw-zomb-rdr"));
        assertFalse(after.zombiesByParentComm().containsKey("pw-zomb-rdr"), "the parent reaped them on TERM");
    }

    /** The D-state sweep's stat lines serve as the listing: the same zombies, no stat read again. */
    @Test
    void aRecentSweepServesAsTheListing() throws Exception {
        DStateSampler sampler = new DStateSampler(PROC);
        sampler.sample();
        HostMetricsReader r = new HostMetricsReader(config(List.of(), false), (oldest, system) -> {
            var finished = sampler.latestListing(oldest, system);
            sampler.sample(); // the next sweep, as the sampling thread makes them between scrapes
            return finished;
        }, Duration.ofMinutes(1));
        try (ZombieMaker z = ZombieMaker.start(5, "pw-zomb-swp")) {
            HostMetrics m = until(r, x -> x.zombiesByParentComm().getOrDefault("pw-zomb-swp", 0L) == 5);
            assertEquals(5L, m.zombiesByParentComm().get("pw-zomb-swp"), m.zombiesByParentComm().toString());
            assertTrue(m.cost().listingAgeSeconds() > 0, "served from the sweep");
            assertTrue(m.threads() >= m.processes() && m.processes() > 5);
        }
        HostMetricsReader stale = new HostMetricsReader(config(List.of(), false), sampler::latestListing, Duration.ZERO);
        Thread.sleep(5);
        assertEquals(0.0, stale.read().cost().listingAgeSeconds(), "too old a sweep: the reader lists /proc itself");
    }

    @Test
    void readsHostLimitsAndCountsFromTheSameRoot() {
        HostMetrics m = reader(List.of(), false).read();
        assertTrue(m.processes() > 1);
        assertTrue(m.threads() >= m.processes(), "every process has at least one thread");
        assertTrue(m.pidMax().orElseThrow() >= 301, "kernel.pid_max is at least 301");
        var files = m.fileHandles().orElseThrow();
        assertTrue(files.allocated() > 0 && files.max() > files.allocated());
        assertTrue(m.pid1().isPresent());
        assertEquals(m.processes(), m.cost().processesRead());
        assertTrue(m.cost().seconds() > 0);
        if (Files.exists(PROC.resolve("vmstat"))) {
            assertTrue(m.oomKills().isPresent(), "oom_kill is in /proc/vmstat since Linux 4.13");
        }
    }

    @Test
    void ranksTheTopPssLargestFirstWithoutCommandLinesByDefault() {
        HostMetrics m = reader(List.of(), false).read();
        assertFalse(m.topPss().isEmpty(), "this JVM at least has memory");
        assertTrue(m.topPss().size() <= 5);
        for (int i = 0; i < m.topPss().size(); i++) {
            var p = m.topPss().get(i);
            assertEquals(i + 1, p.rank());
            assertTrue(p.cmdline().isEmpty());
            if (i > 0) assertTrue(m.topPss().get(i - 1).pssBytes() >= p.pssBytes());
        }
        assertTrue(m.cost().pssReads() >= m.topPss().size());
        assertTrue(m.cost().pssReads() < m.processes(), "the RSS bound spares most smaps_rollup reads");
        HostMetrics withCmdline = reader(List.of(), true).read();
        assertTrue(withCmdline.topPss().stream().anyMatch(p -> p.cmdline().isPresent()), "asked for, so present");
    }

    @Test
    void aPssRankingIsReusedWithinItsRefreshInterval() {
        HostMetricsReader r = new HostMetricsReader(new HostMetricsReader.Config(PROC, Optional.empty(), 5, 20, List.of(), false,
                Duration.ofHours(1)));
        HostMetrics first = r.read();
        assertTrue(first.cost().pssReads() > 0);
        HostMetrics second = r.read();
        assertEquals(0, second.cost().pssReads(), "the ranking was reused, no smaps_rollup read");
        assertTrue(second.cost().topPssAgeSeconds() > 0);
        assertTrue(first.topPss().containsAll(second.topPss()), "the same ranking, less exited processes");
    }

    @Test
    void groupsSumTheirMembersAndCpuOnlyGrows() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "120").start();
        try {
            HostMetricsReader r = reader(List.of(GroupRule.parse("sleepers=comm:^sleep$"),
                    GroupRule.parse("nobody=comm:^no-such-process-name$")), false);
            HostMetrics m = until(r, x -> x.groups().getFirst().processes() >= 1);
            var sleepers = m.groups().getFirst();
            assertEquals("sleepers", sleepers.name());
            assertTrue(sleepers.processes() >= 1);
            assertTrue(sleepers.threads() >= sleepers.processes());
            assertTrue(sleepers.residentBytes() > 0);
            assertTrue(sleepers.openFds() >= 3, "stdin, stdout and stderr at least");
            var nobody = m.groups().get(1);
            assertEquals(new HostMetrics.GroupStats("nobody", 0, 0, 0, 0, 0, 0), nobody, "configured groups are always reported");
            var next = r.read().groups().getFirst();
            assertTrue(next.cpuUserSeconds() >= sleepers.cpuUserSeconds());
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
    }

    @Test
    void cmdlineGroupsMatchOnArgumentsAndReadEachCommandLineOnce() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "121.25").start();
        try {
            HostMetricsReader r = reader(List.of(GroupRule.parse("napper=cmdline:^sleep 121\\.25$")), false);
            assertEquals(1, until(r, x -> x.groups().getFirst().processes() == 1).groups().getFirst().processes());
            assertEquals(1, r.read().groups().getFirst().processes(), "still matched from the cached command line");
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
    }

    @Test
    void aCachedCommandLineIsReadAgainOnlyWhenStaleOrItsProcessChanged() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "122.5").start();
        try {
            int pid = (int) sleeper.pid();
            String text = Files.readString(PROC.resolve(pid + "/stat"));
            for (int i = 0; i < 500 && !text.contains("(sleep)"); i++) { // until the child has exec'd
                Thread.sleep(10);
                text = Files.readString(PROC.resolve(pid + "/stat"));
            }
            var stat = dev.procward.probes.ProcStat.parse(text);
            CmdlineCache cache = new CmdlineCache(PROC, Duration.ofHours(1));
            cache.startScrape();
            assertEquals(Optional.of("sleep 122.5"), cache.get(pid, stat, 0));
            assertEquals(Optional.of("sleep 122.5"), cache.get(pid, stat, 0));
            assertEquals(1, cache.endScrape());
            cache.startScrape();
            cache.get(pid, stat, 1);
            assertEquals(0, cache.endScrape(), "kept from the last scrape");
            cache.startScrape();
            cache.get(pid, stat, Duration.ofHours(2).toNanos());
            assertEquals(1, cache.endScrape(), "older than the refresh interval");
            cache.startScrape();
            cache.get(pid, dev.procward.probes.ProcStat.parse(text.replace("(sleep)", "(other)")), Duration.ofHours(2).toNanos());
            assertEquals(1, cache.endScrape(), "an exec renames the process: read afresh");
        } finally {
            sleeper.destroy();
            sleeper.waitFor();
        }
    }
}
