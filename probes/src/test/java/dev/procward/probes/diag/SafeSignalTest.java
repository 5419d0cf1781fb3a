package dev.procward.probes.diag;

import dev.procward.libc.Signal;
import dev.procward.probes.Field;
import dev.procward.probes.Snapshotter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class SafeSignalTest extends LiveProcessTest {
    private static List<SignalTargets.Target> targets(SignalTargets.Selector s) {
        var t = Snapshotter.take(PROC, EnumSet.of(Field.STAT, Field.CMDLINE));
        return SignalTargets.resolve(t, s, (int) ProcessHandle.current().pid());
    }

    @Test
    void aPidWhoseStartTimeChangedIsNeverSignalled() throws Exception {
        Process p = procs.start("sleep", "1000");
        var real = targets(new SignalTargets.Selector.Pid((int) p.pid())).getFirst();
        var recycled = new SignalTargets.Target(real.pid(), real.comm(), real.cmdline(), real.state(), real.startTime() + 1);
        var r = SafeSignal.send(PROC, List.of(recycled), Signal.SIGKILL.number(), null);
        assertFalse(r.targets().getFirst().sent());
        assertTrue(r.targets().getFirst().error().contains("reused"));
        assertTrue(p.isAlive(), "the process that now holds the pid is untouched");
    }

    @Test
    void waitingReportsThatTheTargetWentAway() throws Exception {
        Process p = procs.start("sleep", "1000");
        var r = SafeSignal.send(PROC, targets(new SignalTargets.Selector.Pid((int) p.pid())), Signal.SIGTERM.number(),
                Duration.ofSeconds(30));
        assertTrue(r.allSent());
        assertEquals(Boolean.TRUE, r.targets().getFirst().gone());
        assertEquals("SIGTERM", r.name());
    }

    @Test
    void aSignalTheTargetIgnoresLeavesItRunningAndSaysSo() throws Exception {
        Process p = procs.start("sh", "-c", "trap '' USR1; while :; do sleep 1; done");
        RealProcesses.await("trap installed", Duration.ofSeconds(10), () -> {
            var s = dev.procward.probes.kernel.ProcFiles.readString(PROC.resolve(p.pid() + "/status")).orElse("");
            var m = java.util.regex.Pattern.compile("SigIgn:\\s+([0-9a-f]+)").matcher(s);
            return m.find() && (Long.parseUnsignedLong(m.group(1), 16) & (1L << (Signal.SIGUSR1.number() - 1))) != 0;
        });
        var r = SafeSignal.send(PROC, targets(new SignalTargets.Selector.Pid((int) p.pid())), Signal.SIGUSR1.number(),
                Duration.ofMillis(300));
        assertEquals(Boolean.FALSE, r.targets().getFirst().gone());
        assertFalse(r.allGone());
    }

    @Test
    void aFatalSignalToADStateTaskIsWarnedAboutWithWhatItWaitsOn() throws Exception {
        Path exe = NativeHelpers.compile("vfork_block", tmp);
        Process parent = procs.start(exe.toString(), "1000");
        var sampler = new StuckSampler(PROC, StuckSampler.UNINTERRUPTIBLE, false, -1, dev.procward.probes.kernel.SyscallTable.host());
        RealProcesses.await("vfork parent in D", Duration.ofSeconds(30), () -> !sampler.process((int) parent.pid()).isEmpty());
        List<ProcessHandle> children = parent.children().toList();
        try {
            var r = SafeSignal.send(PROC, targets(new SignalTargets.Selector.Pid((int) parent.pid())), Signal.SIGKILL.number(),
                    Duration.ofSeconds(30));
            // (a second warning may say it is a zombie for a moment, until the JVM reaps it)
            String w = r.warnings().stream().filter(x -> x.contains("D state")).findFirst().orElseThrow();
            assertTrue(w.contains("D state") && w.contains("SIGKILL cannot end it"), w);
            assertTrue(w.contains("vfork") || w.contains("clone"), w);
            // A vfork wait is 'killable': this D task does go away.
            assertEquals(Boolean.TRUE, r.targets().getFirst().gone());
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void patternsMatchTheNameOrTheWholeCommandLine() throws Exception {
        Process p = procs.start("sleep", "1234.5");
        RealProcesses.await("listed", Duration.ofSeconds(10), () ->
                !targets(new SignalTargets.Selector.Matching(Pattern.compile("^sleep 1234\\.5$"), true)).isEmpty());
        var byCmd = targets(new SignalTargets.Selector.Matching(Pattern.compile("^sleep 1234\\.5$"), true));
        assertEquals(List.of((int) p.pid()), byCmd.stream().map(SignalTargets.Target::pid).toList());
        assertTrue(targets(new SignalTargets.Selector.Matching(Pattern.compile("1234"), false)).stream()
                .noneMatch(t -> t.pid() == p.pid()), "without -f only the name is matched");
    }
}
