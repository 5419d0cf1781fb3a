package dev.procward.probes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The native reader (openat/read/close, getdents64, readlinkat relative to a descriptor of the
 * root) and the java.nio reader must make the same snapshot of the same live processes.
 */
class NativeReadsTest {
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
    private int sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start();
        children.add(p);
        Path comm = PROC.resolve(p.pid() + "/comm");
        for (int i = 0; i < 200 && !Files.readString(comm).strip().equals("sleep"); i++) Thread.sleep(10);
        return (int) p.pid();
    }

    @Test
    void bothReadersMakeTheSameSnapshotOfStableProcesses() throws Exception {
        int a = sleeper(), b = sleeper(), c = sleeper();
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
        int a = sleeper();
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
