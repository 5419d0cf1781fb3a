package dev.procward.probes.diag;

import dev.procward.libc.ErrnoException;
import dev.procward.libc.Pidfd;
import dev.procward.libc.Signal;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.ProcStat;
import dev.procward.probes.kernel.ProcFiles;
import dev.procward.probes.kernel.SyscallTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a signal without ever hitting a recycled pid: for each target it opens a pidfd, checks
 * through {@code /proc/PID/stat} that the pid still has the start time it had when it was chosen,
 * and only then signals through the pidfd. Warns when a fatal signal meets a D-state thread, and
 * optionally waits (poll on the pidfd) to say whether the target actually went away.
 */
public final class SafeSignal {
    private SafeSignal() {}

    /**
     * @param signal   signal number
     * @param name     its name (SIGTERM)
     * @param targets  one outcome per target, ascending pid
     * @param warnings things the user should know before trusting the result
     */
    public record Report(int signal, String name, List<Outcome> targets, List<String> warnings) {
        public Report {
            targets = List.copyOf(targets);
            warnings = List.copyOf(warnings);
        }

        public boolean allSent() {
            return targets.stream().allMatch(Outcome::sent);
        }

        /** Every target that was waited for is gone. */
        public boolean allGone() {
            return targets.stream().allMatch(o -> o.gone() == null || o.gone());
        }
    }

    /**
     * @param pid      the target
     * @param comm     its name
     * @param cmdline  its command line
     * @param sent     the signal was delivered
     * @param error    why not (errno name and text, or "pid reused"), null when sent
     * @param blocked  its threads in D state, with what they wait on (empty when none)
     * @param gone     after --wait: true when it exited, false when it is still there; null without --wait
     * @param zombie   after --wait: it exited but its parent has not reaped it yet
     */
    public record Outcome(int pid, String comm, String cmdline, boolean sent, String error, List<ThreadActivity> blocked,
                          Boolean gone, boolean zombie) {
        public Outcome {
            blocked = List.copyOf(blocked);
        }
    }

    /** Signals a process cannot catch, or that end it by default: the ones a D state delays. */
    static boolean fatal(int signal) {
        return signal == Signal.SIGKILL.number() || signal == Signal.SIGTERM.number() || signal == Signal.SIGINT.number()
                || signal == Signal.SIGQUIT.number() || signal == Signal.SIGHUP.number();
    }

    public static Report send(Path procRoot, List<SignalTargets.Target> targets, int signal, Duration wait) {
        List<String> warnings = new ArrayList<>();
        var sampler = new StuckSampler(procRoot, StuckSampler.UNINTERRUPTIBLE, true, -1, SyscallTable.host());
        List<Outcome> out = new ArrayList<>();
        List<Pidfd> opened = new ArrayList<>();
        List<Integer> openedIndex = new ArrayList<>();
        try {
            for (var t : targets) {
                List<ThreadActivity> blocked = sampler.process(t.pid());
                if (!blocked.isEmpty() && fatal(signal)) warnings.add(dWarning(t, signal, blocked));
                Pidfd fd;
                try {
                    fd = Pidfd.open(t.pid());
                } catch (ErrnoException e) {
                    out.add(new Outcome(t.pid(), t.comm(), t.cmdline(), false, e.errnoName() + ": " + e.getMessage(), blocked, null, false));
                    continue;
                }
                if (!sameProcess(procRoot, t)) {
                    fd.close();
                    out.add(new Outcome(t.pid(), t.comm(), t.cmdline(), false, "pid reused by another process since it was chosen", blocked, null, false));
                    continue;
                }
                try {
                    fd.sendSignal(signal);
                    out.add(new Outcome(t.pid(), t.comm(), t.cmdline(), true, null, blocked, null, false));
                    opened.add(fd);
                    openedIndex.add(out.size() - 1);
                } catch (ErrnoException e) {
                    fd.close();
                    out.add(new Outcome(t.pid(), t.comm(), t.cmdline(), false, e.errnoName() + ": " + e.getMessage(), blocked, null, false));
                }
            }
            if (wait != null) {
                long deadline = System.nanoTime() + wait.toNanos();
                for (int i = 0; i < opened.size(); i++) {
                    Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                    boolean exited = opened.get(i).awaitExit(left);
                    Outcome o = out.get(openedIndex.get(i));
                    char state = exited ? stateOf(procRoot, o.pid()) : 0;
                    out.set(openedIndex.get(i), new Outcome(o.pid(), o.comm(), o.cmdline(), true, null, o.blocked(), exited, state == 'Z'));
                }
            }
        } finally {
            for (Pidfd fd : opened) fd.close();
        }
        if (wait != null && out.stream().anyMatch(o -> Boolean.TRUE.equals(o.gone()) && o.zombie())) {
            warnings.add("A target exited but is a zombie until its parent reaps it: see 'procward zombies'.");
        }
        return new Report(signal, Signal.nameOf(signal), out, warnings);
    }

    private static String dWarning(SignalTargets.Target t, int signal, List<ThreadActivity> blocked) {
        ThreadActivity a = blocked.getFirst();
        String on = a.file() == null ? "" : " on " + a.file().path()
                + (a.file().fsType() == null ? "" : " (" + a.file().fsType() + (a.file().network() ? ", network" : "")
                + (a.file().fuse() ? ", FUSE" : "") + ")");
        return t.pid() + " " + t.comm() + " has " + blocked.size() + " thread(s) in D state, e.g. " + a.tid() + " in "
                + a.syscall() + (a.wchan().equals("-") ? "" : " waiting in " + a.wchan()) + on + ". "
                + Signal.nameOf(signal) + (signal == Signal.SIGKILL.number() ? " cannot end it" : " is not acted on")
                + " until that wait finishes (only 'killable' waits give way to SIGKILL).";
    }

    private static boolean sameProcess(Path procRoot, SignalTargets.Target t) {
        String stat = ProcFiles.readString(procRoot.resolve(Integer.toString(t.pid())).resolve("stat")).orElse(null);
        if (stat == null) return false;
        try {
            return ProcStat.parse(stat).startTime() == t.startTime();
        } catch (ProcParseException e) {
            return false;
        }
    }

    private static char stateOf(Path procRoot, int pid) {
        String stat = ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("stat")).orElse(null);
        if (stat == null) return 0;
        try {
            return ProcStat.parse(stat).state();
        } catch (ProcParseException e) {
            return 0;
        }
    }
}
