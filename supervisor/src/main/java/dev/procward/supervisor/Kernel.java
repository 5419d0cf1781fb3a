package dev.procward.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The port between the supervision loop and an operating-system kernel. {@code LinuxKernel}
 * implements it with libc through FFM; the simulator implements it with an in-memory model, so
 * the same loop can be proven on both.
 *
 * <p>Draft shape: the init work owns this interface and may extend it; changes stay additive so
 * the simulator can follow.
 */
public interface Kernel {

    /** The pid of the supervising process as seen in its own PID namespace. */
    int pid();

    /** Registers the caller as child subreaper; false when the kernel refuses. */
    boolean becomeSubreaper();

    /** Starts a child as described and returns its pid. */
    int spawn(SpawnSpec spec) throws KernelException;

    /** Sends {@code signal} to one process. */
    void signal(int pid, int signal) throws KernelException;

    /** Sends {@code signal} to every member of process group {@code pgid}. */
    void signalGroup(int pgid, int signal) throws KernelException;

    /** Reaps one exited child without blocking; empty when no child is ready. */
    Optional<ChildExit> reapAny() throws KernelException;

    /** Waits for the next signal delivered to the supervisor, or empty after {@code timeout}. */
    Optional<Integer> awaitSignal(Duration timeout) throws KernelException;

    /** What to start: argv[0] is resolved on PATH as execvp does. */
    record SpawnSpec(List<String> argv, boolean newProcessGroup, boolean newSession) {
        public SpawnSpec {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) throw new IllegalArgumentException("argv is empty");
        }
    }

    /** A reaped child: exited with a code, or killed by a signal. */
    record ChildExit(int pid, boolean killed, int codeOrSignal, boolean coreDumped) {
        /** The shell convention: the code itself, or 128+N for death by signal N. */
        public int shellStatus() {
            return killed ? 128 + codeOrSignal : codeOrSignal;
        }
    }
}
