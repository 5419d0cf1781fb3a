package dev.procward.probes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotterTest {
    private static final Path PROC = Path.of("/proc");
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    private long sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        children.add(p);
        return p.pid();
    }

    @Test
    void listsLiveChildrenWithTheRequestedFieldsOnly() throws IOException {
        long a = sleeper(), b = sleeper();
        ProcessTable t = Snapshotter.take(PROC, EnumSet.of(Field.STAT, Field.CMDLINE));
        var byPid = t.byPid();
        for (long pid : new long[] {a, b}) {
            ProcessSnapshot p = byPid.get((int) pid);
            assertNotNull(p, "pid " + pid + " listed");
            assertEquals(ProcessHandle.current().pid(), p.ppid());
            assertEquals(List.of("sleep", "300"), p.cmdline().args());
            assertNull(p.status(), "status was not requested");
        }
        assertTrue(t.system().uptimeSeconds() > 0);
        assertTrue(t.system().bootTime() > 1_000_000_000L);
        assertTrue(t.system().memTotalKb() > 0);
    }

    @Test
    void aMissingPidIsEmptyNotAnError() {
        assertTrue(Snapshotter.takeOne(PROC, 999_999_999, EnumSet.allOf(Field.class)).isEmpty());
        assertTrue(Snapshotter.takeOne(PROC, -3, Set.of(Field.STAT)).isEmpty());
    }

    @Test
    void readsEveryFieldOfItself() {
        int self = (int) ProcessHandle.current().pid();
        ProcessSnapshot me = Snapshotter.takeOne(PROC, self, EnumSet.allOf(Field.class)).orElseThrow();
        assertEquals("java", me.comm());
        assertTrue(me.stat().numThreads() > 1);
        assertNotNull(me.memory());
        assertTrue(me.memory().pss() > 0);
        assertNotNull(me.namespaces());
        assertTrue(me.namespaces().inodes().containsKey("pid"));
        assertEquals(List.of(), me.gaps());
    }

    @Test
    void listsThreads() {
        int self = (int) ProcessHandle.current().pid();
        List<ThreadSample> threads = Snapshotter.threads(PROC, self, EnumSet.of(Field.STAT));
        assertTrue(threads.size() > 1);
        assertEquals(self, threads.getFirst().tid());
        assertTrue(threads.stream().allMatch(t -> t.tgid() == self));
    }

    @Test
    void aDirectoryRootWithMissingFilesGivesGaps(@TempDir Path root) throws IOException {
        Path pid = Files.createDirectories(root.resolve("4242"));
        Files.writeString(pid.resolve("stat"), Fixtures.text("sleeper/stat").replaceFirst("^\\d+", "4242"));
        Files.writeString(root.resolve("uptime"), "100.5 200.0\n");
        ProcessTable t = Snapshotter.take(root, EnumSet.of(Field.STAT, Field.STATUS));
        assertEquals(1, t.processes().size());
        ProcessSnapshot p = t.processes().getFirst();
        assertEquals(4242, p.stat().pid());
        assertEquals(List.of(new Gap("status", Gap.Reason.MISSING)), p.gaps());
        assertFalse(p.vanished());
        assertEquals(100.5, t.system().uptimeSeconds());
        assertTrue(t.system().gaps().stream().anyMatch(g -> g.source().equals("meminfo")));
    }

    @Test
    void malformedFilesAreGapsToo(@TempDir Path root) throws IOException {
        Path pid = Files.createDirectories(root.resolve("7"));
        Files.writeString(pid.resolve("stat"), "garbage");
        ProcessSnapshot p = Snapshotter.takeOne(root, 7, Set.of(Field.STAT)).orElseThrow();
        assertNull(p.stat());
        assertEquals(List.of(new Gap("stat", Gap.Reason.MALFORMED)), p.gaps());
    }
}
