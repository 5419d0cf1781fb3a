package dev.procward.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The port between the supervision loop and an operating-system kernel. {@code LinuxKernel}
 * implements it with libc through FFM; the simulator implements it with an in-memory model, so
 * the same loop is proven on both by {@code SupervisionContract} (supervisor test-jar).
 *
 * <p>Signal numbers are Linux's (TERM=15, KILL=9, CHLD=17...). Changes to this interface stay
 * additive: new methods come with a default so that an implementation keeps compiling.
 */
public interface Kernel extends AutoCloseable {

    /** The pid of the supervising process as seen in its own PID namespace. */
    int pid();

    /** Registers the caller as child subreaper; false when the kernel refuses. */
    boolean becomeSubreaper();

    /**
     * Starts a child as described and returns its pid. When the program cannot be executed the
     * exception's {@link KernelException#errnoName()} is {@code ENOENT} (not found) or
     * {@code EACCES} (not executable), as execvp reports them.
     */
    int spawn(SpawnSpec spec) throws KernelException;

    /**
     * Sends {@code signal} to one process. For a child this kernel spawned, the implementation
     * must not hit a recycled pid (Linux signals through the child's pidfd).
     */
    void signal(int pid, int signal) throws KernelException;

    /** Sends {@code signal} to every member of process group {@code pgid}. */
    void signalGroup(int pgid, int signal) throws KernelException;

    /** Reaps one exited child without blocking; empty when no child is ready. */
    Optional<ChildExit> reapAny() throws KernelException;

    /**
     * Waits for the next signal delivered to the supervisor, or empty after {@code timeout}.
     * {@code SIGCHLD} is delivered here too: it is the loop's cue to drain {@link #reapAny()}.
     * A null timeout waits without limit.
     */
    Optional<Integer> awaitSignal(Duration timeout) throws KernelException;

    // ---- additions made by the init work (all with defaults, see class comment) ----

    /** True while the caller has any child left, running or zombie, adopted orphans included. */
    default boolean hasChildren() throws KernelException {
        throw new UnsupportedOperationException("hasChildren");
    }

    /** The pids of the caller's current children (own and adopted), in no particular order. */
    default List<Integer> children() throws KernelException {
        throw new UnsupportedOperationException("children");
    }

    /**
     * Sends {@code signal} to every process the caller may signal except itself, as
     * {@code kill(-1, sig)} does. At PID 1 that is the whole namespace.
     */
    default void signalAll(int signal) throws KernelException {
        throw new UnsupportedOperationException("signalAll");
    }

    /** Asks for {@code signal} when the caller's parent dies ({@code PR_SET_PDEATHSIG}). */
    default void setParentDeathSignal(int signal) throws KernelException {
        throw new UnsupportedOperationException("setParentDeathSignal");
    }

    /**
     * Like {@link #reapAny()}, and also says who was reaped: its command name and, when the
     * kernel can tell, how long it lay as a zombie before this reap.
     */
    default Optional<Reaped> reapAnyDescribed() throws KernelException {
        return reapAny().map(exit -> new Reaped(exit, "", Optional.empty()));
    }

    /**
     * The process group of {@code pid}, or empty when it is gone or the kernel cannot tell. Lets
     * the supervisor skip orphans that a signal to the child's group has already reached.
     */
    default OptionalInt processGroupOf(int pid) throws KernelException {
        return OptionalInt.empty();
    }

    /**
     * {@code on}: the kernel reaps every child as it exits, without waking the supervisor, and a
     * child the supervisor spawned still reports its end through {@link #reapAny()} (and wakes
     * {@link #awaitSignal} as a SIGCHLD would). Only for a loop that reports no single reap.
     * Returns whether the kernel now reaps; false where it cannot keep a spawned child's status.
     */
    default boolean letKernelReap(boolean on) throws KernelException {
        return false;
    }

    /**
     * Called once the child runs and the supervisor is about to sit idle: gives back memory that
     * only start-up needed (Linux: the clean pages of file mappings, see ResidentPages).
     */
    default void settleIdle() {}

    /** Releases what the kernel holds for the supervisor (Linux: the signalfd, pidfds). */
    @Override
    default void close() {}

    /** The kernel's monotonic clock; a simulated kernel may run virtual time. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** What to start: argv[0] is resolved on PATH as execvp does. */
    record SpawnSpec(List<String> argv, boolean newProcessGroup, boolean newSession,
                     boolean takeTerminal, Optional<Credentials> credentials,
                     OptionalInt nice, Optional<SchedPolicy> sched) {
        public SpawnSpec {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) throw new IllegalArgumentException("argv is empty");
            if (newSession && takeTerminal) throw new IllegalArgumentException("a new session has no terminal to take");
        }

        public SpawnSpec(List<String> argv, boolean newProcessGroup, boolean newSession) {
            this(argv, newProcessGroup, newSession, false, Optional.empty(), OptionalInt.empty(), Optional.empty());
        }
    }

    /** Identity the child runs as; {@code groups} are the supplementary groups. */
    record Credentials(int uid, int gid, List<Integer> groups) {
        public Credentials {
            groups = List.copyOf(groups);
        }
    }

    /** A reaped child: exited with a code, or killed by a signal. */
    record ChildExit(int pid, boolean killed, int codeOrSignal, boolean coreDumped) {
        /** The shell convention: the code itself, or 128+N for death by signal N. */
        public int shellStatus() {
            return killed ? 128 + codeOrSignal : codeOrSignal;
        }
    }

    /** A reaped child with what was known of it just before the reap. */
    record Reaped(ChildExit exit, String comm, Optional<Duration> zombieFor) {}
}
