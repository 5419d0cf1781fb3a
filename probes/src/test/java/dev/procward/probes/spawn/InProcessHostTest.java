package dev.procward.probes.spawn;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The FFM parent really is as big as asked: its pages are resident, on huge pages when asked. */
class InProcessHostTest {
    private static final long MIB = 1L << 20;
    private static final Path PROC = Path.of("/proc");

    private static ResidentMemory self() {
        return ResidentMemory.of(PROC, ProcessHandle.current().pid());
    }

    @Test
    void everyPageOfTheParentSizeIsResidentUntilClosed() {
        long before = self().rssBytes();
        try (InProcessHost host = InProcessHost.open(ParentSize.parse("64m"))) {
            long grown = self().rssBytes() - before;
            assertTrue(grown >= 60 * MIB, "64 MiB touched, Rss grew by " + grown / MIB + " MiB");
            assertEquals(0, host.unreapedChildren());
        }
        long after = self().rssBytes();
        assertTrue(after < before + 32 * MIB, "unmapped on close: Rss " + after / MIB + " MiB, was " + before / MIB);
    }

    @Test
    void hugePageSizeIsBackedByTransparentHugePages() throws Exception {
        String mode = MachineFacts.thpMode(Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
        if (mode.equals("never") && "true".equals(System.getenv("CI"))) fail("CI needs transparent huge pages (madvise or always)");
        assumeTrue(!mode.equals("never"), "THP is disabled on this machine");
        long before = self().anonHugeBytes();
        try (InProcessHost ignored = InProcessHost.open(ParentSize.parse("64m").withHugePages())) {
            long huge = self().anonHugeBytes() - before;
            assertTrue(huge >= 8 * MIB, "MADV_HUGEPAGE memory on huge pages: " + huge / MIB + " MiB");
        }
    }

    @Test
    void sizeZeroSpawnsFromTheJvmAsItIs() {
        try (InProcessHost host = InProcessHost.open(ParentSize.parse("0"))) {
            long[] ns = host.spawn(Method.FFM_POSIX_SPAWN, Target.of(Path.of("/bin/true")), 2);
            assertEquals(2, ns.length);
            assertTrue(ns[0] > 0 && ns[1] > 0);
            assertEquals(0, host.unreapedChildren());
        }
    }

    @Test
    void aTargetThatCannotExecIsASpawnFailureNamingIt() {
        try (InProcessHost host = InProcessHost.open(ParentSize.parse("0"))) {
            var e = assertThrows(SpawnLabException.class,
                    () -> host.spawn(Method.FFM_POSIX_SPAWN, Target.of(Path.of("/nonexistent/prog")), 1));
            assertTrue(e.getMessage().contains("/nonexistent/prog") && e.getMessage().contains("ENOENT"), e.getMessage());
            assertEquals(0, host.unreapedChildren());
        }
    }
}
