package dev.procward.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One simulated thread group, mutable, owned by {@link SimulatedKernel}. */
final class SimProcess {
    final int pid;
    int ppid;
    int pgid;
    int sid;
    boolean sessionLeader;
    String comm;
    List<String> argv;
    /** Cleared by exec: setpgid on a child that has exec'd fails with EACCES. */
    boolean forkNoExec = true;

    ProcState state = ProcState.SLEEPING;
    /** The state a stopped task returns to on SIGCONT. */
    ProcState runState = ProcState.SLEEPING;
    int exitStatus;
    /** PF_EXITING with SIGNAL_GROUP_EXIT: a fatal signal is on its way; only SIGKILL still counts. */
    boolean groupExiting;
    int groupExitSignal;
    /** TIF_SIGPENDING: a signal was routed to this task and it has not run since. */
    boolean sigpendingFlag;

    final Disposition[] handlers = new Disposition[Signal.MAX + 1];
    boolean noCldWait;
    boolean noCldStop;
    long blocked;
    long pending;
    /** Real-time signals queue; classic ones coalesce into the bit above. */
    final int[] queued = new int[Signal.MAX + 1];

    boolean subreaper;
    int pdeathSig;
    /** Group-stop code waiting for a WUNTRACED wait (signal->group_exit_code with SIGNAL_STOP_STOPPED). */
    int stopReport;
    /** SIGNAL_STOP_CONTINUED: a WCONTINUED wait has something to report. */
    boolean continuedReport;
    /** SIGNAL_CLD_CONTINUED: the parent is told of the resume when the task next runs. */
    boolean notifyContinued;

    final List<Integer> children = new ArrayList<>();
    /** When the process joined its process group: group signals reach the newest member first. */
    long groupJoined;
    /** Signal frames set up but whose handler has not run yet: {signal, mask to restore}. */
    final java.util.ArrayDeque<long[]> frames = new java.util.ArrayDeque<>();
    final List<Integer> threadIds = new ArrayList<>();

    final long startTime;
    String wchan = "do_sys_poll";
    long ioUntil = -1;

    // The simulated program's own habits.
    boolean reaper;
    /** The program waits for its child and then exits with the child's status, as a shell script does. */
    boolean exitWithChild;
    long exitTime = -1;
    final Map<Integer, Reaction> reactions = new HashMap<>();
    boolean shuttingDown;
    long rssKb = 1024;
    long vsizeKb = 4096;
    long cpuTicks;
    long busySince = -1;
    /** Program actions that came due while the task could not run. */
    final java.util.ArrayDeque<Runnable> deferred = new java.util.ArrayDeque<>();

    SimProcess(int pid, long startTime) {
        this.pid = pid;
        this.startTime = startTime;
        Arrays.fill(handlers, Disposition.DEFAULT);
    }

    Disposition handler(int sig) {
        return handlers[sig];
    }

    boolean isBlocked(int sig) {
        return (blocked & Signal.bit(sig)) != 0;
    }

    boolean isPending(int sig) {
        return (pending & Signal.bit(sig)) != 0;
    }

    boolean alive() {
        return state != ProcState.ZOMBIE && state != ProcState.DEAD;
    }

    int threads() {
        return 1 + threadIds.size();
    }

    long ignoredMask() {
        long m = 0;
        for (int s = 1; s <= Signal.MAX; s++) if (handlers[s] == Disposition.IGNORE) m |= Signal.bit(s);
        return m;
    }

    long caughtMask() {
        long m = 0;
        for (int s = 1; s <= Signal.MAX; s++) if (handlers[s] == Disposition.CATCH) m |= Signal.bit(s);
        return m;
    }

    ProcessView view() {
        return new ProcessView(pid, ppid, pgid, sid, comm, List.copyOf(argv), state, exitStatus, threads(),
                List.copyOf(threadIds), blocked, pending, ignoredMask(), caughtMask(), subreaper, startTime, wchan,
                rssKb, vsizeKb, cpuTicks, 0);
    }
}
