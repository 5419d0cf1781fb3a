package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The process-creation floor for the spawn laboratory: create a process, let it exit, reap it,
 * with no exec and no Java in the child.
 *
 * <p>glibc's {@code clone(fn, stack, CLONE_VM|CLONE_VFORK|SIGCHLD, arg)} is given libc's own
 * {@code _exit} as {@code fn} and the exit code as {@code arg}, on a natively allocated stack: the
 * child executes a few instructions of glibc and {@code exit_group}. Because of CLONE_VFORK the
 * calling thread is suspended (in native code, so safepoints do not wait for it) until the child
 * has exited. Forking a JVM with a child that returns into Java is what DESIGN.md forbids; this
 * child never does.
 */
public final class ProcessFloor {

    private ProcessFloor() {}

    static final int CLONE_VM = 0x100;
    static final int CLONE_VFORK = 0x4000;
    private static final int FLAGS = CLONE_VM | CLONE_VFORK | 17; // exit signal SIGCHLD
    /** Plenty for glibc's clone trampoline and _exit. */
    static final long STACK_BYTES = 64 * 1024;

    private static final class Handles {
        static final MethodHandle CLONE = Native.downcall("clone",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(4));
        static final MemorySegment EXIT = Native.symbol("_exit");
    }

    /** One stack per thread, reused: with CLONE_VFORK only one child uses it at a time. */
    private static final ThreadLocal<MemorySegment> STACK_TOP = ThreadLocal.withInitial(() -> {
        MemorySegment stack = Arena.ofAuto().allocate(STACK_BYTES, 16);
        return MemorySegment.ofAddress(stack.address() + STACK_BYTES);
    });

    /** Creates a child that exits with 0 at once, reaps it, and returns what the reap saw. */
    public static ChildStatus cloneAndExit() {
        return cloneAndExit(0);
    }

    /** As {@link #cloneAndExit()}, the child exiting with {@code code} (0..255). */
    public static ChildStatus cloneAndExit(int code) {
        int pid = cloneExiting(code);
        return Wait.waitpid(pid, 0);
    }

    /**
     * Only the creation: returns the pid of a child that is exiting for the caller to reap, e.g. to
     * time creation and reaping apart. CLONE_VFORK releases us when the child lets go of our memory,
     * a moment before it turns into a zombie, so a WNOHANG reap right away may find nothing yet.
     */
    public static int cloneExiting(int code) {
        if (code < 0 || code > 255) throw new IllegalArgumentException("exit code out of 0..255: " + code);
        CallState cs = CallState.current();
        int pid;
        try {
            pid = (int) Handles.CLONE.invokeExact(cs.capture, Handles.EXIT, STACK_TOP.get(), FLAGS, MemorySegment.ofAddress(code));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (pid == -1) throw cs.failure("clone", "CLONE_VM|CLONE_VFORK|SIGCHLD");
        return pid;
    }
}
