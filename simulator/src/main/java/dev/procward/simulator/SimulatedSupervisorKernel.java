package dev.procward.simulator;

import dev.procward.supervisor.Kernel;
import dev.procward.supervisor.KernelException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The supervisor's {@link Kernel} port on a {@link SimulatedKernel}: every call is a system call
 * of one simulated process, the supervisor. As with signalfd on Linux the supervisor keeps every
 * catchable signal blocked and reads them from its pending set; spawned children get an empty mask
 * and default handlers (POSIX_SPAWN_SETSIGMASK, POSIX_SPAWN_SETSIGDEF).
 *
 * <p>Time is virtual: {@link #awaitSignal} jumps from timer to timer. With no timer left and no
 * timeout it waits, in real time, for another thread to act on the simulation through this port
 * or {@link #act}. Every method holds the simulation's monitor, so tests may drive it from a second
 * thread.
 */
public final class SimulatedSupervisorKernel implements Kernel {
    private static final long CATCHABLE = ~(Signal.bit(Signal.KILL) | Signal.bit(Signal.STOP));

    private final SimulatedKernel k;
    private final int self;
    /** Time is advanced by someone else (a scenario): awaitSignal waits for it instead of jumping. */
    private volatile boolean drivenClock;
    private volatile boolean alone;
    private volatile boolean idle;
    private volatile long idleDeadline = Long.MAX_VALUE;

    private SimulatedSupervisorKernel(SimulatedKernel k, int self) {
        this.k = k;
        this.self = self;
    }

    /** The supervisor is the simulated machine's PID 1. */
    public static SimulatedSupervisorKernel asInit(SimulatedKernel k) throws SimErrno {
        synchronized (k) {
            k.sigprocmask(1, SimulatedKernel.MaskHow.SETMASK, CATCHABLE);
            return new SimulatedSupervisorKernel(k, 1);
        }
    }

    /** The supervisor is a child of PID 1, as procward run without --pid-1 under a real init. */
    public static SimulatedSupervisorKernel asChildOfInit(SimulatedKernel k, List<String> argv) throws SimErrno {
        synchronized (k) {
            k.setReaper(1, true);
            int pid = k.fork(1);
            k.exec(pid, argv);
            k.sigprocmask(pid, SimulatedKernel.MaskHow.SETMASK, CATCHABLE);
            return new SimulatedSupervisorKernel(k, pid);
        }
    }

    /**
     * Hands the clock to another thread: from now on {@link #awaitSignal} never moves time; it
     * waits until the driver has moved it past the deadline or a signal is pending.
     */
    public void driveClockExternally() {
        drivenClock = true;
    }

    /**
     * No other thread will ever act on the simulation: when nothing is scheduled and no timeout is
     * set, {@link #awaitSignal} fails with EDEADLK instead of waiting for ever.
     */
    public void runAlone() {
        alone = true;
    }

    /**
     * Tells a waiting supervisor that the simulation changed; it counts as busy until it has looked
     * and found nothing to do. Call with the simulation's monitor held.
     */
    public void wake() {
        idle = false;
        k.notifyAll();
    }

    /** True while the supervisor waits in {@link #awaitSignal} with nothing to do. */
    public boolean idle() {
        return idle;
    }

    /** The virtual time at which an idle supervisor wants to wake, or Long.MAX_VALUE. */
    public long idleDeadline() {
        return idleDeadline;
    }

    public SimulatedKernel simulation() {
        return k;
    }

    /** Runs {@code action} on the simulation under its monitor and wakes a waiting supervisor. */
    public <T> T act(SimAction<T> action) throws SimErrno {
        synchronized (k) {
            try {
                return action.run(k);
            } finally {
                wake();
            }
        }
    }

    /** Waits, in real time, until {@code condition} holds on the simulation; false after {@code timeout}. */
    public boolean awaitCondition(Predicate<SimulatedKernel> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (k) {
            while (!condition.test(k)) {
                long left = end - System.nanoTime();
                if (left <= 0) return false;
                k.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @FunctionalInterface
    public interface SimAction<T> {
        T run(SimulatedKernel k) throws SimErrno;
    }

    @Override
    public int pid() {
        return self;
    }

    @Override
    public boolean becomeSubreaper() {
        try {
            act(s -> { s.setSubreaper(self, true); return null; });
            return true;
        } catch (SimErrno e) {
            return false;
        }
    }

    @Override
    public int spawn(SpawnSpec spec) throws KernelException {
        return act(s -> {
            SimProgram program = SimPrograms.resolve(spec.argv());
            int pid = s.fork(self);
            if (spec.newSession()) s.setsid(pid);
            else if (spec.newProcessGroup()) s.setpgid(pid, 0, 0);
            s.sigprocmask(pid, SimulatedKernel.MaskHow.SETMASK, 0);
            for (int sig = 1; sig <= Signal.MAX; sig++) {
                if (!Signal.kernelOnly(sig)) s.sigaction(pid, sig, Disposition.DEFAULT);
            }
            s.exec(pid, spec.argv());
            program.install(s, pid);
            return pid;
        });
    }

    @Override
    public void signal(int pid, int signal) throws KernelException {
        act(s -> { s.kill(self, pid, signal); return null; });
    }

    @Override
    public void signalGroup(int pgid, int signal) throws KernelException {
        act(s -> { s.kill(self, -pgid, signal); return null; });
    }

    @Override
    public void signalAll(int signal) throws KernelException {
        act(s -> { s.kill(self, -1, signal); return null; });
    }

    @Override
    public Optional<ChildExit> reapAny() throws KernelException {
        return reapAnyDescribed().map(Reaped::exit);
    }

    @Override
    public Optional<Reaped> reapAnyDescribed() throws KernelException {
        return act(s -> {
            SimulatedKernel.WaitResult r;
            String comm = "";
            long exitedAt = -1;
            // Look before the reap: afterwards the process is gone.
            for (int c : s.children(self)) {
                Optional<ProcessView> v = s.process(c);
                if (v.isPresent() && v.get().state() == ProcState.ZOMBIE) {
                    comm = v.get().comm();
                    exitedAt = s.exitTime(c);
                    break;
                }
            }
            try {
                r = s.waitpid(self, -1, SimulatedKernel.WNOHANG);
            } catch (SimErrno e) {
                if (e.errnoName().equals("ECHILD")) return Optional.empty();
                throw e;
            }
            if (r.pid() == 0) return Optional.empty();
            int st = r.status();
            ChildExit exit = WaitStatus.isExited(st) ? new ChildExit(r.pid(), false, WaitStatus.exitCode(st), false)
                    : new ChildExit(r.pid(), true, WaitStatus.termSignal(st), WaitStatus.coreDumped(st));
            Optional<Duration> zombieFor = exitedAt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(s.now() - exitedAt));
            return Optional.of(new Reaped(exit, comm, zombieFor));
        });
    }

    @Override
    public Optional<Integer> awaitSignal(Duration timeout) throws KernelException {
        synchronized (k) {
            long deadline = timeout == null ? Long.MAX_VALUE : k.now() + timeout.toNanos();
            while (true) {
                int sig = k.takePendingSignal(self, CATCHABLE);
                if (sig != 0) return Optional.of(sig);
                if (drivenClock) {
                    if (k.now() >= deadline) return Optional.empty();
                    idleDeadline = deadline;
                    idle = true;
                    k.notifyAll();
                    try {
                        k.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SimErrno("EINTR", "awaitSignal interrupted");
                    } finally {
                        idle = false;
                        idleDeadline = Long.MAX_VALUE;
                    }
                    continue;
                }
                long next = k.nextTimer();
                if (next >= 0 && next <= deadline) {
                    k.advanceTo(next);
                    continue;
                }
                if (timeout != null) {
                    k.advanceTo(deadline);
                    return Optional.empty();
                }
                if (alone) throw new SimErrno("EDEADLK", "nothing can happen any more in the simulation: every process waits for ever");
                try {
                    k.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SimErrno("EINTR", "awaitSignal interrupted");
                }
            }
        }
    }

    @Override
    public boolean hasChildren() {
        synchronized (k) {
            return !k.children(self).isEmpty();
        }
    }

    @Override
    public List<Integer> children() {
        synchronized (k) {
            return k.children(self);
        }
    }

    @Override
    public OptionalInt processGroupOf(int pid) {
        synchronized (k) {
            return k.process(pid).map(v -> OptionalInt.of(v.pgid())).orElse(OptionalInt.empty());
        }
    }

    @Override
    public void setParentDeathSignal(int signal) throws KernelException {
        act(s -> { s.setParentDeathSignal(self, signal); return null; });
    }

    @Override
    public long nanoTime() {
        synchronized (k) {
            return k.now();
        }
    }
}
