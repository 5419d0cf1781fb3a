package dev.procward.supervisor;

import dev.procward.supervisor.Reporter.Level;

import java.time.Duration;
import java.util.Optional;

import static dev.procward.supervisor.SignalNames.*;

/**
 * The init loop: spawn the child, then wait for signals. SIGCHLD drains every exited child with
 * non-blocking reaps; any other signal is forwarded. A timeout is armed only for a pending
 * {@code --grace} kill or {@code --restart} delay, never to poll.
 *
 * <p>Not thread-safe; one supervisor owns its kernel's signal queue and children.
 */
public final class Supervisor {
    private static final long NONE = Long.MAX_VALUE;

    private final Kernel kernel;
    private final SupervisorConfig config;
    private final Reporter log;
    private final EventSink events;

    private int mainPid = -1;          // the running main child, -1 between runs
    private int childGroup = -1;       // pgid of the main child's group when it has its own
    private Integer lastStatus;        // remapped exit status of the last main child
    private Integer exitCode;          // set once the supervisor has decided to end
    private boolean shuttingDown;
    private long graceDeadline = NONE;
    private boolean graceExpired;
    private long restartAt = NONE;
    private int restarts;
    private int unstableStreak;
    private long mainStartedAt;

    public Supervisor(Kernel kernel, SupervisorConfig config, Reporter log, EventSink events) {
        this.kernel = kernel;
        this.config = config;
        this.log = log;
        this.events = events;
    }

    /** Runs until the supervision ends and returns the exit code the supervisor should exit with. */
    public int run() throws KernelException {
        prepare();
        startChild();
        if (exitCode == null && !reapsAreReported()) kernel.letKernelReap(true);
        drain();
        kernel.settleIdle();
        while (exitCode == null && !finished()) {
            Optional<Integer> signal = kernel.awaitSignal(untilNextDeadline());
            if (signal.isEmpty()) onDeadline();
            else if (signal.get() == CHLD) drain();
            else onSignal(signal.get());
        }
        int code = exitCode != null ? exitCode : lastStatus;
        events.exited(code);
        return code;
    }

    /**
     * Whether the loop must see every reap: to print it (-w, or a log level that shows reaps), to
     * record it (--events), or to know when the last descendant is gone (--wait-all). Otherwise
     * the kernel may reap the orphans as they exit ({@link Kernel#letKernelReap}).
     */
    private boolean reapsAreReported() {
        Level reapLevel = config.warnOnReap() ? Level.WARN : Level.DEBUG;
        return events != EventSink.NONE || log.enabled(reapLevel) || config.waitAll();
    }

    private void prepare() throws KernelException {
        if (config.parentDeathSignal().isPresent()) kernel.setParentDeathSignal(config.parentDeathSignal().getAsInt());
        if (kernel.pid() == 1) return;
        boolean reaping = false;
        if (config.registerSubreaper()) {
            reaping = kernel.becomeSubreaper();
            if (reaping) log.log(Level.INFO, "Registered as child subreaper (not PID 1)");
            else log.log(Level.WARN, "Failed to register as child subreaper");
        }
        if (!reaping && config.warnIfNotReaping()) log.log(Level.WARN, reaperWarning(log.initName()));
    }

    /** tini's text, word for word (with the init's name): scripts grep for "zombie reaping won't work". */
    static String reaperWarning(String name) {
        String n = name.equals("tini") ? "Tini" : name;
        return n + " is not running as PID 1 and isn't registered as a child subreaper.\n"
                + "Zombie processes will not be re-parented to " + n + ", so zombie reaping won't work.\n"
                + "To fix the problem, use the -s option or set the environment variable TINI_SUBREAPER to register "
                + n + " as a child subreaper, or run " + n + " as PID 1.";
    }

    private void startChild() {
        Kernel.SpawnSpec spec = config.child();
        try {
            mainPid = kernel.spawn(spec);
        } catch (KernelException e) {
            int code = config.execFailure().forErrno(e.errnoName());
            log.execFailed(spec.argv().getFirst(), Errnos.describe(e.errnoName(), e.getMessage()));
            events.spawnFailed(spec.argv(), e.errnoName(), code);
            exitCode = code;
            return;
        }
        mainStartedAt = kernel.nanoTime();
        childGroup = spec.newProcessGroup() || spec.newSession() ? mainPid : -1;
        log.log(Level.INFO, "Spawned child process '" + spec.argv().getFirst() + "' with pid '" + mainPid + "'");
        events.spawned(mainPid, spec.argv(), restarts + 1);
    }

    private boolean finished() throws KernelException {
        if (mainPid > 0 || restartAt != NONE || lastStatus == null) return false;
        return !config.waitAll() || !kernel.hasChildren();
    }

    private Duration untilNextDeadline() {
        long next = Math.min(graceDeadline, restartAt);
        if (next == NONE) return null;
        return Duration.ofNanos(Math.max(0, next - kernel.nanoTime()));
    }

    /**
     * Reaps until nothing is left to reap. The hot loop of a reap storm: without --events nothing
     * is read about the zombie, and the reap message is built only when it will be printed. One
     * reap per call of {@link #reapOne}: the init's JIT compiles methods, not a running loop
     * (docs/init.md, "Reap storm").
     */
    private void drain() throws KernelException {
        boolean describe = events != EventSink.NONE;
        Level reapLevel = config.warnOnReap() ? Level.WARN : Level.DEBUG;
        boolean logReaps = log.enabled(reapLevel);
        while (reapOne(describe, reapLevel, logReaps)) {
            // each call reaps one child
        }
    }

    /** Reaps one exited child; false when none is left to reap now. */
    private boolean reapOne(boolean describe, Level reapLevel, boolean logReaps) throws KernelException {
        Kernel.ChildExit exit;
        if (describe) {
            Optional<Kernel.Reaped> reaped = kernel.reapAnyDescribed();
            if (reaped.isEmpty()) return false;
            exit = reaped.get().exit();
            events.reaped(reaped.get(), exit.pid() == mainPid);
        } else {
            Optional<Kernel.ChildExit> reaped = kernel.reapAny();
            if (reaped.isEmpty()) return false;
            exit = reaped.get();
        }
        if (exit.pid() == mainPid) onMainExit(exit);
        else if (logReaps) log.log(reapLevel, "Reaped zombie process with pid=" + exit.pid());
        return true;
    }

    private void onMainExit(Kernel.ChildExit exit) throws KernelException {
        int status = exit.shellStatus() % 256;
        if (config.remapToZero().contains(status)) status = 0;
        lastStatus = status;
        mainPid = -1;
        log.log(Level.INFO, exit.killed() ? "Main child exited with signal (with signal '" + name(exit.codeOrSignal()) + "')"
                : "Main child exited normally (with status '" + exit.codeOrSignal() + "')");
        boolean groupTold = config.termGroupOnExit() && childGroup > 0 && forwardToGroup(TERM);
        long ran = kernel.nanoTime() - mainStartedAt;
        if (!shuttingDown && config.restart().restarts(status, restarts)) {
            unstableStreak = ran >= config.restart().stableAfter().toNanos() ? 1 : unstableStreak + 1;
            restarts++;
            Duration delay = config.restart().delayBefore(unstableStreak);
            log.log(Level.INFO, "Child exited with " + status + "; restart " + restarts + " in " + delay.toMillis() + " ms");
            events.restarting(restarts, delay, status);
            restartAt = kernel.nanoTime() + delay.toNanos();
        } else if (config.signalOrphans() && !shuttingDown) {
            // On a shutdown signal the orphans already got it; otherwise they learn of the end now.
            signalOrphans(TERM, TERM, groupTold);
        }
    }

    private void onSignal(int received) throws KernelException {
        boolean ttyStop = received == TSTP || received == TTIN || received == TTOU;
        if ((received == TTIN || received == TTOU) && !config.stopSelfOnTtyStop()) {
            // tini ignores these so that a background write to the terminal cannot stop it.
            events.dropped(received, "ignored");
            return;
        }
        if (log.enabled(Level.DEBUG)) log.log(Level.DEBUG, "Passing signal: '" + name(received) + "'");
        int sent = config.rewrites().getOrDefault(received, received);
        boolean groupTold = false;
        if (sent == 0) events.dropped(received, "rewritten to 0");
        else groupTold = forwardReceived(received, sent);
        if (config.stopSelfOnTtyStop() && ttyStop) kernel.signal(kernel.pid(), STOP);
        if (received == TERM || received == INT || received == QUIT) onShutdownSignal(received, sent, groupTold);
    }

    private void onShutdownSignal(int received, int sent, boolean groupTold) throws KernelException {
        shuttingDown = true;
        if (restartAt != NONE) {
            restartAt = NONE;
            log.log(Level.INFO, "Shutdown signal during restart delay: not restarting");
        }
        if (config.signalOrphans() && sent != 0) signalOrphans(received, sent, groupTold);
        if (config.grace().isPresent() && graceDeadline == NONE && !graceExpired && (received == TERM || received == INT)) {
            graceDeadline = kernel.nanoTime() + config.grace().get().toNanos();
        }
    }

    /** Forwards to the child or its group; true when it went to the group (and reached someone). */
    private boolean forwardReceived(int received, int sent) throws KernelException {
        if (config.signalGroup() && childGroup > 0) {
            if (sendGroup(childGroup, sent)) {
                events.forwarded(received, sent, "group", childGroup);
                return true;
            }
            log.log(Level.WARN, "Child was dead when forwarding signal");
            events.dropped(received, "no process left in the group");
        } else if (mainPid > 0) {
            if (send(mainPid, sent)) events.forwarded(received, sent, "child", mainPid);
            else log.log(Level.WARN, "Child was dead when forwarding signal");
        } else {
            events.dropped(received, "no child running");
        }
        return false;
    }

    /** Sends (the rewrite of) {@code signal} to the child's group, dumb-init's TERM on exit; true when delivered. */
    private boolean forwardToGroup(int signal) throws KernelException {
        int sent = config.rewrites().getOrDefault(signal, signal);
        if (sent == 0 || !sendGroup(childGroup, sent)) return false;
        events.forwarded(signal, sent, "group", childGroup);
        return true;
    }

    /**
     * Sends to every adopted orphan. An orphan keeps the process group it was born in, usually the
     * child's: when {@code groupTold}, the signal already reached those through the group and is
     * not sent a second time.
     */
    private void signalOrphans(int received, int sent, boolean groupTold) throws KernelException {
        for (int pid : kernel.children()) {
            if (pid == mainPid || groupTold && inChildGroup(pid)) continue;
            if (send(pid, sent)) events.forwarded(received, sent, "orphan", pid);
        }
    }

    private boolean inChildGroup(int pid) throws KernelException {
        return childGroup > 0 && kernel.processGroupOf(pid).orElse(-1) == childGroup;
    }

    private void onDeadline() throws KernelException {
        long now = kernel.nanoTime();
        if (graceDeadline != NONE && now >= graceDeadline) {
            graceDeadline = NONE;
            graceExpired = true;
            killEverything();
        }
        if (restartAt != NONE && now >= restartAt) {
            restartAt = NONE;
            startChild();
            // Children that exited while the spawn held SIGCHLD at its default are zombies now, and
            // ignoring SIGCHLD again discarded the signal that would have announced them.
            drain();
        }
    }

    private void killEverything() throws KernelException {
        Duration grace = config.grace().orElseThrow();
        log.log(Level.WARN, "Grace period of " + grace.toMillis() + " ms is over: sending KILL to what is left");
        events.graceExpired(grace);
        if (childGroup > 0 && sendGroup(childGroup, KILL)) events.forwarded(TERM, KILL, "group", childGroup);
        if (mainPid > 0 && send(mainPid, KILL)) events.forwarded(TERM, KILL, "child", mainPid);
        if (kernel.pid() == 1) {
            // ESRCH: nothing was left (what the group KILL hit is gone already when the kernel reaps)
            if (delivered(() -> kernel.signalAll(KILL))) events.forwarded(TERM, KILL, "all", 0);
        } else {
            boolean groupKilled = childGroup > 0; // the group was sent KILL above, orphans in it included
            for (int pid : kernel.children()) {
                if (pid == mainPid || groupKilled && inChildGroup(pid)) continue;
                if (send(pid, KILL)) events.forwarded(TERM, KILL, "orphan", pid);
            }
        }
    }

    /** False when the target is already gone (ESRCH), which is not an error for an init. */
    private boolean send(int pid, int signal) throws KernelException {
        return delivered(() -> kernel.signal(pid, signal));
    }

    private boolean sendGroup(int pgid, int signal) throws KernelException {
        return delivered(() -> kernel.signalGroup(pgid, signal));
    }

    private interface Delivery {
        void run() throws KernelException;
    }

    private static boolean delivered(Delivery delivery) throws KernelException {
        try {
            delivery.run();
            return true;
        } catch (KernelException e) {
            if ("ESRCH".equals(e.errnoName())) return false;
            throw e;
        }
    }
}
