package dev.procward.supervisor;

import dev.procward.libc.ChildReaping;
import dev.procward.libc.ChildStatus;
import dev.procward.libc.ErrnoException;
import dev.procward.libc.Fds;
import dev.procward.libc.Pidfd;
import dev.procward.libc.Prctl;
import dev.procward.libc.Processes;
import dev.procward.libc.ResidentPages;
import dev.procward.libc.Scheduling;
import dev.procward.libc.SignalFd;
import dev.procward.libc.SignalSet;
import dev.procward.libc.Signals;
import dev.procward.libc.Spawn;
import dev.procward.libc.ThreadCredentials;
import dev.procward.libc.Wait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link Kernel} port on Linux, through native-bindings. Requires every signal to be blocked
 * in every thread of the process ({@link LaunchChain}); signals are then read from a signalfd.
 *
 * <p>Children are started with the mask, ignored signals and descriptors procward itself was
 * started with ({@link StartState}), never with the JVM's. The main child is signalled through a
 * pidfd so that a recycled pid is never hit.
 */
public final class LinuxKernel implements Kernel {
    private static final Path PROC = Path.of("/proc");

    private final StartState start;
    private final SignalFd signals;
    private final int pid;
    private static final int O_RDWR = 2;

    private final Map<Integer, Pidfd> pidfds = new HashMap<>();
    /** SIGCHLD is ignored: the kernel reaps at exit, and spawned children report through their pidfd. */
    private boolean kernelReaps;
    /** Every spawned child has a pidfd (pidfd_open can fail on old kernels): required for kernelReaps. */
    private boolean everyChildHasPidfd = true;
    /** Wake-ups on a readable pidfd that found no exit status yet (see awaitSignalOrChildEnd). */
    private int endedWithoutStatus;
    /** The terminal a new-session child opens as its controlling one; null until first asked. */
    private Optional<String> terminalPath;

    public LinuxKernel(StartState start) {
        this.start = start;
        this.pid = Processes.pid();
        // Everything but what the JVM must handle itself; KILL and STOP cannot be caught anyway.
        // Blocking: the loop's wait is the read itself when no deadline is armed (awaitSignal).
        this.signals = SignalFd.open(SignalSet.ALL, false);
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public boolean becomeSubreaper() {
        try {
            Prctl.setChildSubreaper(true);
            return Prctl.isChildSubreaper();
        } catch (ErrnoException e) {
            return false;
        }
    }

    @Override
    public int spawn(SpawnSpec spec) throws KernelException {
        // A child that exits before its pidfd is open must stay a zombie, or its status is lost.
        boolean kernelReaped = kernelReaps;
        if (kernelReaped) letKernelReap(false);
        try {
            return spawnTracked(spec);
        } finally {
            if (kernelReaped) letKernelReap(true);
        }
    }

    private int spawnTracked(SpawnSpec spec) throws KernelException {
        Optional<String> terminal = spec.newSession() ? terminalForNewSession() : Optional.empty();
        int child;
        try {
            child = start(spec, terminal);
        } catch (KernelException e) {
            if (terminal.isEmpty()) throw e;
            // The child could not open the terminal (another --user, say): start it without one,
            // as dumb-init goes on when TIOCSCTTY fails. A real exec failure fails again here.
            child = start(spec, Optional.empty());
        }
        if (spec.sched().orElse(null) instanceof SchedPolicy.Deadline d) {
            // A SCHED_DEADLINE thread may not fork, so the child gets the policy right after it starts.
            final int started = child;
            call(() -> Scheduling.setAttr(started, ProcessScheduling.toAttr(d, 0)));
        }
        try {
            pidfds.put(child, Pidfd.open(child));
        } catch (ErrnoException e) {
            // pidfd_open needs Linux 5.3; without it the child is signalled by pid
            everyChildHasPidfd = false;
        }
        return child;
    }

    private int start(SpawnSpec spec, Optional<String> terminal) throws KernelException {
        Spawn spawn = Spawn.command(spec.argv())
                .environment(start.environment())
                .signalMask(start.mask())
                .defaultSignals(new SignalSet(~start.ignored().bits()));
        if (spec.newSession()) spawn.newSession();
        else if (spec.newProcessGroup()) spawn.processGroup(0);
        if (spec.takeTerminal() && hasTerminal()) spawn.foregroundTerminal(0);
        // Opened after the setsid, without O_NOCTTY, by a session leader with no terminal: Linux
        // makes it the child's controlling terminal. The slot above the inherited descriptors is
        // closed again by the close-from action below, so the child keeps only its own 0, 1, 2.
        terminal.ifPresent(path -> spawn.open(highestInheritedFd() + 1, path, O_RDWR, 0));
        closeJvmDescriptors(spawn);
        boolean threadAttributes = spec.credentials().isPresent() || spec.nice().isPresent()
                || spec.sched().filter(s -> !(s instanceof SchedPolicy.Deadline)).isPresent();
        return threadAttributes ? spawnFromThrowawayThread(spawn, spec) : start(spawn);
    }

    /**
     * dumb-init's terminal hand-over for a child in a new session. posix_spawn has no TIOCSCTTY
     * action, so: when procward leads its session and stdin is its controlling terminal, procward
     * gives the terminal up (TIOCNOTTY, as dumb-init does), and the child opens it again by name
     * after its setsid. Giving it up sends SIGHUP and SIGCONT to the terminal's foreground group;
     * when that is procward's own, they are dropped here, as dumb-init ignores the first of each.
     * Not the session leader (started from an interactive shell): the terminal stays with that
     * session, and the child runs without one, as dumb-init's TIOCSCTTY fails there too.
     *
     * @return the terminal's path, or empty when the child cannot get it
     */
    private Optional<String> terminalForNewSession() {
        if (terminalPath != null) return terminalPath; // once given up, the path stays valid for restarts
        terminalPath = Optional.empty();
        try {
            if (!hasTerminal() || Processes.getsid(0) != pid) return terminalPath;
            String path = Files.readSymbolicLink(PROC.resolve("self/fd/0")).toString();
            boolean hangupComesToUs = Processes.tcgetpgrp(0) == Processes.getpgid(0);
            Processes.detachControllingTerminal(0);
            if (hangupComesToUs) dropPending(SignalSet.ofNumbers(SignalNames.HUP, SignalNames.CONT));
            terminalPath = Optional.of(path);
        } catch (ErrnoException | IOException e) {
            // ENOTTY: stdin is a terminal but not ours; no /proc: no path to reopen
        }
        return terminalPath;
    }

    /** Takes {@code which} out of the pending signals (all are blocked), leaving the others for the loop. */
    private static void dropPending(SignalSet which) {
        try (SignalFd only = SignalFd.open(which, true)) {
            while (only.read().isPresent()) {
                // dropped
            }
        }
    }

    private int highestInheritedFd() {
        return start.inheritedFds().stream().mapToInt(Integer::intValue).max().orElse(2);
    }

    private static int start(Spawn spawn) throws KernelException {
        try {
            return spawn.start();
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    /**
     * Identity and scheduling are per thread in the kernel, and posix_spawn clones the calling
     * thread: set them on a thread that exists only for this spawn, and the JVM keeps its own.
     */
    private int spawnFromThrowawayThread(Spawn spawn, SpawnSpec spec) throws KernelException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("procward-spawn").unstarted(() -> {
            try {
                spec.sched().filter(s -> !(s instanceof SchedPolicy.Deadline))
                        .ifPresentOrElse(s -> Scheduling.setAttr(0, ProcessScheduling.toAttr(s, spec.nice().orElse(0))),
                                () -> spec.nice().ifPresent(n -> Scheduling.setAttr(0, Scheduling.SchedAttr.other(n))));
                spec.credentials().ifPresent(c -> {
                    ThreadCredentials.setGroups(c.groups());
                    ThreadCredentials.setGid(c.gid());
                    ThreadCredentials.setUid(c.uid());
                });
                result.set(spawn.start());
            } catch (ErrnoException e) {
                result.set(new KernelException(e.errnoName(), e.getMessage()));
            } catch (RuntimeException e) {
                result.set(new KernelException("EINVAL", e.getMessage()));
            }
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelException("EINTR", "interrupted while spawning");
        }
        if (result.get() instanceof KernelException e) throw e;
        return (Integer) result.get();
    }

    private static boolean hasTerminal() {
        try {
            Processes.tcgetpgrp(0);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /**
     * Closes in the child every descriptor procward did not inherit (the JVM's jar, modules,
     * signalfd...). Every number below the highest inherited one is closed unless inherited, not
     * only those open now: another JVM thread may open one between a listing and the spawn.
     * glibc ignores EBADF for a close action on a descriptor that is not open.
     */
    private void closeJvmDescriptors(Spawn spawn) {
        Set<Integer> inherited = start.inheritedFds();
        int highestInherited = highestInheritedFd();
        java.util.TreeSet<Integer> candidates = new java.util.TreeSet<>();
        for (int fd = 3; fd < Math.min(highestInherited, 1024); fd++) candidates.add(fd);
        if (highestInherited >= 1024) candidates.addAll(LaunchChain.openFds()); // sparse numbers far up
        for (int fd : candidates.headSet(highestInherited)) {
            if (!inherited.contains(fd)) spawn.close(fd);
        }
        spawn.closeFrom(highestInherited + 1);
    }

    @Override
    public void signal(int target, int signal) throws KernelException {
        Pidfd fd = pidfds.get(target);
        if (fd != null) call(() -> fd.sendSignal(signal));
        else call(() -> Signals.kill(target, signal));
    }

    @Override
    public void signalGroup(int pgid, int signal) throws KernelException {
        call(() -> Signals.killpg(pgid, signal));
    }

    @Override
    public void signalAll(int signal) throws KernelException {
        call(() -> Signals.kill(-1, signal));
    }

    @Override
    public void setParentDeathSignal(int signal) throws KernelException {
        call(() -> Prctl.setParentDeathSignal(signal));
    }

    @Override
    public Optional<ChildExit> reapAny() throws KernelException {
        ChildStatus status;
        try {
            status = Wait.reapAny();
        } catch (ErrnoException e) {
            if (!e.errnoName().equals("ECHILD")) throw new KernelException(e.errnoName(), e.getMessage());
            status = ChildStatus.NOTHING_READY;
        }
        Optional<ChildExit> exit = toExit(status);
        return exit.isPresent() || !kernelReaps ? exit : reapedByKernel();
    }

    /**
     * With SIGCHLD ignored, exited children are gone before anyone waits (the kernel released
     * them as they exited). tini and dumb-init wait for every orphan themselves; at 5,000 orphans
     * exiting together that is 5,000 wait4 calls of ~15 us kernel time each in one thread, while
     * the kernel's own release runs in each exiting task, on every CPU (docs/init.md, "Reap
     * storm"). The children procward spawned keep their status in their pidfd (Linux 6.15).
     */
    @Override
    public boolean letKernelReap(boolean on) throws KernelException {
        if (on == kernelReaps) return on;
        if (on && (!everyChildHasPidfd || "loop".equals(System.getenv("PROCWARD_INIT_REAP"))
                || !ChildReaping.pidfdKeepsExitStatus())) {
            return false;
        }
        call(() -> ChildReaping.setKernelReaps(on));
        kernelReaps = on;
        return on;
    }

    /** A spawned child the kernel has reaped, as its pidfd tells; empty when all still run. */
    private Optional<ChildExit> reapedByKernel() throws KernelException {
        ChildStatus.Terminated ended = null;
        try {
            for (Pidfd fd : pidfds.values()) {
                ended = ChildReaping.exitStatus(fd).orElse(null);
                if (ended != null) break;
            }
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
        return ended == null ? Optional.empty() : toExit(ended);
    }

    @Override
    public Optional<Reaped> reapAnyDescribed() throws KernelException {
        ChildStatus peeked;
        try {
            peeked = Wait.waitid(Wait.IdType.ALL, 0, Wait.WEXITED | Wait.WNOHANG | Wait.WNOWAIT);
        } catch (ErrnoException e) {
            if (e.errnoName().equals("ECHILD")) return Optional.empty();
            throw new KernelException(e.errnoName(), e.getMessage());
        }
        if (!(peeked instanceof ChildStatus.Terminated)) return Optional.empty();
        int child = peeked.pid();
        String comm = ZombieFacts.comm(PROC, child);
        Optional<Duration> lingered = ZombieFacts.zombieFor(PROC, child, System.nanoTime());
        ChildStatus reaped;
        try {
            reaped = Wait.waitid(Wait.IdType.PID, child, Wait.WEXITED | Wait.WNOHANG);
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
        return toExit(reaped).map(exit -> new Reaped(exit, comm, lingered));
    }

    private Optional<ChildExit> toExit(ChildStatus status) {
        // instanceof, not a pattern switch: the init path spins no switch bootstrap class
        ChildExit exit = null;
        if (status instanceof ChildStatus.Exited e) exit = new ChildExit(e.pid(), false, e.code(), false);
        else if (status instanceof ChildStatus.Killed k) exit = new ChildExit(k.pid(), true, k.signal(), k.coreDumped());
        if (exit != null) {
            Pidfd fd = pidfds.remove(exit.pid());
            if (fd != null) {
                fd.close();
                endedWithoutStatus = 0;
            }
        }
        return Optional.ofNullable(exit);
    }

    @Override
    public boolean hasChildren() throws KernelException {
        try {
            Wait.waitid(Wait.IdType.ALL, 0, Wait.WEXITED | Wait.WNOHANG | Wait.WNOWAIT);
            return true;
        } catch (ErrnoException e) {
            if (e.errnoName().equals("ECHILD")) return false;
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    @Override
    public List<Integer> children() {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path p : dir) {
                int candidate = Integer.parseInt(p.getFileName().toString());
                if (ZombieFacts.parentOf(PROC, candidate) == pid) out.add(candidate);
            }
        } catch (IOException e) {
            // /proc unreadable: no orphans known
        }
        return out;
    }

    @Override
    public OptionalInt processGroupOf(int target) throws KernelException {
        try {
            return OptionalInt.of(Processes.getpgid(target));
        } catch (ErrnoException e) {
            if (e.errnoName().equals("ESRCH")) return OptionalInt.empty();
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    @Override
    public Optional<Integer> awaitSignal(Duration timeout) throws KernelException {
        if (kernelReaps) return awaitSignalOrChildEnd(timeout);
        // Without a deadline the blocking read is the whole wait: one syscall per wake-up, and a
        // reap storm wakes the loop hundreds of times (a pending record returns at once). With
        // one, ppoll bounds the wait and the read follows only when a record is there.
        if (timeout != null && (Fds.poll(new int[] {signals.fd()}, Fds.POLLIN, timeout)[0] & Fds.POLLIN) == 0) {
            return Optional.empty();
        }
        int signal = readSignal();
        return signal != 0 ? Optional.of(signal) : Optional.empty();
    }

    /**
     * While the kernel reaps, no SIGCHLD comes: a spawned child's end shows on its pidfd (readable
     * once it has exited) and is reported as SIGCHLD, the loop's cue to call {@link #reapAny()}.
     */
    private Optional<Integer> awaitSignalOrChildEnd(Duration timeout) throws KernelException {
        if (endedWithoutStatus >= 2) return awaitSignalOrRetry(timeout);
        int[] fds = new int[pidfds.size() + 1];
        fds[0] = signals.fd();
        int i = 1;
        for (Pidfd fd : pidfds.values()) fds[i++] = fd.fd();
        short[] ready = Fds.poll(fds, Fds.POLLIN, timeout);
        Optional<Integer> signal = signalIfReady(ready[0]);
        if (signal.isPresent()) return signal;
        for (i = 1; i < ready.length; i++) {
            if (ready[i] != 0) {
                endedWithoutStatus++;
                return Optional.of(SignalNames.CHLD);
            }
        }
        return Optional.empty();
    }

    /**
     * A pidfd turns readable when its process exits, and the kernel stores the status when the
     * process is released: microseconds later, or not before its tracer lets it go (ptrace keeps
     * an exited tracee until the tracer waits). The pidfd stays readable meanwhile, so waiting on
     * it would spin: after two such wake-ups, wait on the signalfd alone and look again after a
     * backoff (2, 4 ... 128 ms). The only timed wait of the loop, and only in that state.
     */
    private Optional<Integer> awaitSignalOrRetry(Duration timeout) throws KernelException {
        Duration backoff = Duration.ofMillis(1L << Math.min(endedWithoutStatus++ - 1, 7));
        boolean deadlineFirst = timeout != null && timeout.compareTo(backoff) <= 0;
        short[] ready = Fds.poll(new int[] {signals.fd()}, Fds.POLLIN, deadlineFirst ? timeout : backoff);
        Optional<Integer> signal = signalIfReady(ready[0]);
        if (signal.isPresent() || deadlineFirst) return signal;
        return Optional.of(SignalNames.CHLD);
    }

    /** The signal waiting in the signalfd when ppoll found it readable; empty otherwise (or EINTR). */
    private Optional<Integer> signalIfReady(short revents) throws KernelException {
        if ((revents & Fds.POLLIN) == 0) return Optional.empty();
        int signal = readSignal();
        return signal != 0 ? Optional.of(signal) : Optional.empty();
    }

    private int readSignal() throws KernelException {
        try {
            return signals.readSignal();
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    @Override
    public void settleIdle() {
        // A wait with a deadline (--grace, --restart) goes through ppoll: load that path before
        // paging out, so that the pages it needs are not read straight back. (The wait without a
        // deadline is the signalfd read, on the one syscall shape every call here shares.)
        Fds.poll(new int[] {signals.fd()}, Fds.POLLIN, Duration.ZERO);
        ResidentPages.pageOutFileMappings();
    }

    @Override
    public void close() {
        if (kernelReaps) {
            try {
                letKernelReap(false);
            } catch (KernelException e) {
                // closing anyway: SIGCHLD stays ignored in a process that is about to exit
            }
        }
        pidfds.values().forEach(Pidfd::close);
        pidfds.clear();
        signals.close();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private interface NativeCall {
        void run();
    }

    private static void call(NativeCall c) throws KernelException {
        try {
            c.run();
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    /** Facts about a zombie read just before it is reaped. */
    static final class ZombieFacts {
        private ZombieFacts() {}

        static String comm(Path proc, int pid) {
            try {
                return new String(Files.readAllBytes(proc.resolve(pid + "/comm")), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "";
            }
        }

        /**
         * How long the process has been a zombie: now minus the last time it ran
         * ({@code se.exec_start} in /proc/PID/sched, the scheduler's clock in ms, which on Linux
         * runs with CLOCK_MONOTONIC). Empty when the kernel has no sched file.
         */
        static Optional<Duration> zombieFor(Path proc, int pid, long nowNanos) {
            try (var lines = Files.lines(proc.resolve(pid + "/sched"))) {
                return lines.filter(l -> l.startsWith("se.exec_start")).findFirst().map(l -> {
                    double ms = Double.parseDouble(l.substring(l.indexOf(':') + 1).strip());
                    long nanos = nowNanos - (long) (ms * 1_000_000);
                    return Duration.ofNanos(Math.max(0, nanos));
                });
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** The ppid field of /proc/PID/stat (the 2nd field after the command's closing parenthesis), -1 when gone. */
        static int parentOf(Path proc, int pid) {
            try {
                String stat = new String(Files.readAllBytes(proc.resolve(pid + "/stat")), StandardCharsets.US_ASCII);
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
                return Integer.parseInt(rest[1]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
