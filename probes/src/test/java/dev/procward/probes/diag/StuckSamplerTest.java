package dev.procward.probes.diag;

import dev.procward.probes.kernel.LoadAvg;
import dev.procward.probes.kernel.SyscallTable;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class StuckSamplerTest extends LiveProcessTest {
    private static StuckSampler sampler(Set<Character> states) {
        return new StuckSampler(PROC, states, true, (int) ProcessHandle.current().pid(), SyscallTable.host());
    }

    private static ThreadActivity awaitThread(StuckSampler s, long tid, char state) {
        AtomicReference<ThreadActivity> found = new AtomicReference<>();
        RealProcesses.await("thread " + tid + " in " + state, Duration.ofSeconds(60), () -> {
            for (ThreadActivity a : s.sweep().active()) {
                if (a.tid() == tid && a.state() == state) {
                    found.set(a);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    @Test
    void aParentBlockedInVforkIsSeenInDState() throws Exception {
        Path exe = NativeHelpers.compile("vfork_block", tmp);
        Process parent = procs.start(exe.toString(), "1000");
        ThreadActivity a = awaitThread(sampler(StuckSampler.UNINTERRUPTIBLE), parent.pid(), 'D');
        assertEquals("vfork_block", a.comm());
        assertTrue(Set.of("vfork", "clone", "clone3").contains(a.syscall()), a.syscall());
        assertNotEquals("-", a.wchan());
        assertNull(a.file(), "vfork has no descriptor argument");
    }

    @Test
    void keptDescriptorsFollowAThreadIntoDStateAndAreClosedAfterwards() throws Exception {
        Path exe = NativeHelpers.compile("vfork_block", tmp);
        long before = openDescriptors();
        try (StuckSampler kept = sampler(StuckSampler.UNINTERRUPTIBLE).keepDescriptors()) {
            StuckSampler.Sweep first = kept.sweep(); // opens every thread's stat
            assertTrue(first.threads() > 1);
            assertTrue(openDescriptors() > before, "stat descriptors are kept between sweeps");
            Process parent = procs.start(exe.toString(), "1000"); // a new thread, seen on a warm sweep
            ThreadActivity a = awaitThread(kept, parent.pid(), 'D');
            assertEquals("vfork_block", a.comm());
            parent.destroyForcibly().waitFor();
            kept.sweep(); // the exited threads' descriptors go
        }
        assertTrue(openDescriptors() <= before + 8, "closed: " + before + " before, " + openDescriptors() + " after");
    }

    private static long openDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @Test
    void aSweepSplitByThreadSeesWhatAOneThreadSweepSees() throws Exception {
        Path exe = NativeHelpers.compile("many_threads", tmp);
        int threads = 1500; // one process, more threads than a one-thread sweep is left with
        Process holder = procs.startPiped(exe.toString(), Integer.toString(threads), "600");
        assertEquals("ready", new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine());
        int pid = (int) holder.pid();
        // Stopped, every thread is in T (one of -a's states) and stays there between sweeps.
        dev.procward.libc.Signals.kill(pid, dev.procward.libc.Signal.SIGSTOP);
        StuckSampler oneThread = sampler(StuckSampler.ACTIVE).sequential();
        RealProcesses.await("every thread stopped", Duration.ofSeconds(60), () -> stoppedTids(oneThread.sweep(), pid).size() == threads);
        Set<Integer> expected = stoppedTids(oneThread.sweep(), pid);

        assertSameTids(expected, stoppedTids(sampler(StuckSampler.ACTIVE).sweep(), pid), "parallel, cold");
        try (StuckSampler kept = sampler(StuckSampler.ACTIVE).keepDescriptors();
             StuckSampler keptOneThread = sampler(StuckSampler.ACTIVE).keepDescriptors().sequential()) {
            for (int sweep = 0; sweep < 3; sweep++) { // opens every stat, then rereads them
                assertSameTids(expected, stoppedTids(kept.sweep(), pid), "parallel, kept, sweep " + sweep);
                assertSameTids(expected, stoppedTids(keptOneThread.sweep(), pid), "one thread, kept, sweep " + sweep);
            }
        }
    }

    private static void assertSameTids(Set<Integer> expected, Set<Integer> actual, String sweep) {
        Set<Integer> missing = new java.util.TreeSet<>(expected);
        missing.removeAll(actual);
        Set<Integer> extra = new java.util.TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), sweep + ": " + missing.size() + " missing (first "
                + missing.stream().limit(5).toList() + "), " + extra.size() + " extra (first " + extra.stream().limit(5).toList() + ")");
    }

    private static Set<Integer> stoppedTids(StuckSampler.Sweep sweep, int pid) {
        Set<Integer> tids = new java.util.HashSet<>();
        for (ThreadActivity a : sweep.active()) {
            if (a.pid() == pid && a.state() == 'T') assertTrue(tids.add(a.tid()), "listed once: " + a.tid());
        }
        return tids;
    }

    @Test
    void aThreadStuckOnAFuseServerThatNeverAnswersIsTracedToItsMount() throws Exception {
        RealProcesses.require(NativeHelpers.root() && Files.exists(Path.of("/dev/fuse")), "root and /dev/fuse");
        Path exe = NativeHelpers.compile("fuse_hang", tmp);
        Process server = procs.startPiped(exe.toString());
        String[] ready = new BufferedReader(new InputStreamReader(server.getInputStream())).readLine().split(" ");
        int child = Integer.parseInt(ready[0]);
        String mountPoint = ready[2];
        try {
            ThreadActivity a = awaitThread(sampler(StuckSampler.UNINTERRUPTIBLE), child, 'D');
            assertTrue(Set.of("fstat", "newfstatat", "statx").contains(a.syscall()), a.syscall());
            var f = a.file();
            assertNotNull(f, "the descriptor of the blocked call is resolved");
            assertEquals(Integer.parseInt(ready[1]), f.fd());
            assertEquals(mountPoint, f.path());
            assertEquals(mountPoint, f.mountPoint());
            assertEquals("fuse.procward-hang", f.fsType());
            assertTrue(f.fuse());
            assertFalse(f.network());
            assertTrue(f.device().startsWith("0:"), f.device());
            if (!a.kstack().equals("-")) assertTrue(a.kstack().contains("fuse"), a.kstack());

            // Summed over sweeps, grouped as the user asks; the load verdict sees the D thread.
            var s = sampler(StuckSampler.UNINTERRUPTIBLE);
            List<StuckSampler.Sweep> sweeps = new ArrayList<>();
            for (int i = 0; i < 3; i++) sweeps.add(s.sweep());
            var r = StuckReport.of(sweeps, List.of(StuckSampler.Column.COMM, StuckSampler.Column.FILE),
                    LoadAvg.read(PROC).orElse(null), Runtime.getRuntime().availableProcessors());
            var row = r.rows().stream().filter(x -> x.group().get("file").equals(mountPoint)).findFirst().orElseThrow();
            assertEquals(3, row.samples());
            assertEquals(1.0, row.avgThreads());
            assertTrue(r.load().avgBlocked() >= 1);
            assertTrue(r.blocked().stream().anyMatch(t -> t.tid() == child && t.file() != null && t.file().fuse()));
        } finally {
            server.destroyForcibly().waitFor();
            Files.deleteIfExists(Path.of(mountPoint));
        }
    }

    @Test
    void dashAShowsRunningThreads() throws Exception {
        procs.start("sh", "-c", "while :; do :; done");
        var s = sampler(StuckSampler.ACTIVE);
        RealProcesses.await("a running shell", Duration.ofSeconds(30),
                () -> s.sweep().active().stream().anyMatch(a -> a.state() == 'R' && a.comm().equals("sh")));
    }

    @Test
    void aSweepSurvivesChurn() throws Exception {
        procs.churn();
        var s = sampler(StuckSampler.ACTIVE);
        for (int i = 0; i < 50; i++) {
            var sweep = assertDoesNotThrow(s::sweep);
            assertTrue(sweep.threads() > 0);
        }
    }

    @Test
    void verdictNamesWaitingWhenDDominates() {
        var l = new LoadAvg(12, 10, 8, 1, 400, 1);
        assertTrue(StuckReport.verdict(l, 2, 0.5, 11).contains("mostly waiting"));
        assertTrue(StuckReport.verdict(l, 2, 9, 0).contains("saturated"));
    }
}
