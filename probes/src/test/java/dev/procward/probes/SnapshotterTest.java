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
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotterTest {
    private static final Path PROC = Path.of("/proc");
    private static final Set<Field> EVERY_FIELD = EnumSet.allOf(Field.class);
    /** PSS moves whenever another process maps the same file: compared apart, by its private part. */
    private static final Set<Field> STABLE_FIELDS = EnumSet.complementOf(EnumSet.of(Field.SMAPS_ROLLUP));
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    /** A sleeping child, once the kernel names it sleep (before its exec it is a copy of this JVM). */
    private long sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        children.add(p);
        Path comm = PROC.resolve(p.pid() + "/comm");
        try {
            for (int i = 0; i < 200 && !Files.readString(comm).strip().equals("sleep"); i++) Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    // The native reader (openat/read/close, getdents64, readlinkat relative to a descriptor of the
    // root) and the java.nio reader must make the same snapshot of the same live processes.

    @Test
    void bothReadersMakeTheSameSnapshotOfStableProcesses() throws Exception {
        int a = (int) sleeper(), b = (int) sleeper(), c = (int) sleeper();
        Thread.sleep(100); // let the children settle into their sleep
        Map<Integer, ProcessSnapshot> fast = Snapshotter.take(PROC, STABLE_FIELDS, pid -> true, true).byPid();
        Map<Integer, ProcessSnapshot> nio = Snapshotter.take(PROC, STABLE_FIELDS, pid -> true, false).byPid();
        for (int pid : new int[] {a, b, c}) {
            assertNotNull(fast.get(pid), "pid " + pid + " listed by the native reader");
            assertEquals(nio.get(pid), fast.get(pid), "pid " + pid);
        }
        Set<Field> memory = EnumSet.of(Field.SMAPS_ROLLUP);
        Map<Integer, ProcessSnapshot> fastMemory = Snapshotter.take(PROC, memory, pid -> pid == a, true).byPid();
        Map<Integer, ProcessSnapshot> nioMemory = Snapshotter.take(PROC, memory, pid -> pid == a, false).byPid();
        assertEquals(nioMemory.get(a).memory().privateDirty(), fastMemory.get(a).memory().privateDirty());
        assertEquals(nioMemory.get(a).memory().rss(), fastMemory.get(a).memory().rss());
        int compared = 0;
        for (var e : fast.entrySet()) {
            ProcessSnapshot f = e.getValue(), n = nio.get(e.getKey());
            if (n == null || f.stat() == null || n.stat() == null || f.stat().startTime() != n.stat().startTime()
                    || f.stat().kernelThread()) continue; // kworkers rename themselves as they work
            assertEquals(n.ppid(), f.ppid(), "ppid of " + e.getKey());
            assertEquals(n.comm(), f.comm(), "comm of " + e.getKey());
            assertEquals(n.stat().session(), f.stat().session(), "session of " + e.getKey());
            assertEquals(n.cmdline(), f.cmdline(), "cmdline of " + e.getKey());
            assertEquals(n.namespaces(), f.namespaces(), "namespaces of " + e.getKey());
            compared++;
        }
        assertTrue(compared > 3, "compared " + compared + " processes");
    }

    @Test
    void bothReadersListTheSameThreadsAndPids() throws Exception {
        int a = (int) sleeper();
        int self = (int) ProcessHandle.current().pid();
        try (TaskReader.Root fast = TaskReader.open(PROC, true); TaskReader.Root nio = TaskReader.open(PROC, false);
             TaskReader f = fast.reader(256); TaskReader n = nio.reader(256)) {
            assertTrue(fast.nativeReads());
            assertEquals(List.of(a), List.of(a).stream().filter(p -> java.util.Arrays.binarySearch(f.numericEntries(""), p) >= 0).toList());
            assertEquals(n.numericEntries(a + "/task").length, f.numericEntries(a + "/task").length);
            assertTrue(f.numericEntries(self + "/task").length > 1);
            assertEquals(0, f.numericEntries("999999999/task").length);
        }
    }

    @Test
    void aVanishedProcessIsAGapNotAnException() throws Exception {
        Process p = new ProcessBuilder("true").start();
        int pid = (int) p.pid();
        p.waitFor();
        p.destroy();
        for (boolean nativeReads : new boolean[] {true, false}) {
            try (TaskReader.Root root = TaskReader.open(PROC, nativeReads); TaskReader r = root.reader(256)) {
                assertEquals(-1, r.read("999999999", "stat"));
                assertEquals(Gap.Reason.VANISHED, r.failure().reason());
                assertTrue(r.failure().dirGone());
                assertEquals(-1, r.read("self", "no-such-file"));
                assertEquals(Gap.Reason.MISSING, r.failure().reason());
            }
        }
        assertTrue(Snapshotter.takeOne(PROC, 999_999_999, EVERY_FIELD).isEmpty());
        assertTrue(pid > 0);
    }
}
