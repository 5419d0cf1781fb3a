package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The {@code prctl} options an init needs: child subreaper, parent-death signal, and the name.
 *
 * <p>prctl is variadic in glibc; it is called here through {@code syscall()}, itself bound as a
 * variadic function ({@code firstVariadicArg}), which saves a link shape.
 */
public final class Prctl {

    private Prctl() {}

    static final int PR_SET_PDEATHSIG = 1;
    static final int PR_GET_PDEATHSIG = 2;
    static final int PR_SET_NAME = 15;
    static final int PR_GET_NAME = 16;
    static final int PR_SET_CHILD_SUBREAPER = 36;
    static final int PR_GET_CHILD_SUBREAPER = 37;
    /** TASK_COMM_LEN: the name holds 15 bytes plus NUL. */
    public static final int NAME_MAX_BYTES = 15;

    /**
     * Marks this process as child subreaper: orphaned descendants are re-parented to it rather
     * than to PID 1. Per process and permanent until cleared; inherited by no one.
     */
    public static void setChildSubreaper(boolean on) {
        Syscall.call(Sys.PRCTL, () -> "PR_SET_CHILD_SUBREAPER, " + on, PR_SET_CHILD_SUBREAPER, on ? 1 : 0);
    }

    public static boolean isChildSubreaper() {
        return getInt(PR_GET_CHILD_SUBREAPER, "PR_GET_CHILD_SUBREAPER") != 0;
    }

    /**
     * Asks for {@code signal} when the parent <em>thread</em> exits (0 clears). Note the thread: in a
     * JVM the parent is whichever thread spawned us.
     */
    public static void setParentDeathSignal(int signal) {
        Syscall.call(Sys.PRCTL, () -> "PR_SET_PDEATHSIG, " + Signal.nameOf(signal), PR_SET_PDEATHSIG, signal);
    }

    /** The parent-death signal, 0 when none. */
    public static int parentDeathSignal() {
        return getInt(PR_GET_PDEATHSIG, "PR_GET_PDEATHSIG");
    }

    /**
     * Sets the calling thread's name ({@code comm}, truncated to 15 bytes). On the main thread of
     * a process started without a JVM launcher thread this is what ps shows; in a JVM the main
     * thread is usually not the initial thread.
     */
    public static void setName(String name) {
        CallState cs = CallState.current();
        MemorySegment buf = cs.zeroedScratch(NAME_MAX_BYTES + 1);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(bytes, 0, buf, JAVA_BYTE, 0, Math.min(bytes.length, NAME_MAX_BYTES));
        long r = Syscall.raw(cs, Sys.PRCTL, PR_SET_NAME, buf.address(), 0, 0, 0, 0);
        if (r == -1) throw cs.failure("prctl", "PR_SET_NAME, " + name);
    }

    /** The calling thread's name. */
    public static String name() {
        CallState cs = CallState.current();
        MemorySegment buf = cs.zeroedScratch(NAME_MAX_BYTES + 1);
        long r = Syscall.raw(cs, Sys.PRCTL, PR_GET_NAME, buf.address(), 0, 0, 0, 0);
        if (r == -1) throw cs.failure("prctl", "PR_GET_NAME");
        return buf.getString(0);
    }

    private static int getInt(int option, String optionName) {
        CallState cs = CallState.current();
        MemorySegment out = cs.zeroedScratch(4);
        long r = Syscall.raw(cs, Sys.PRCTL, option, out.address(), 0, 0, 0, 0);
        if (r == -1) throw cs.failure("prctl", optionName);
        return out.get(JAVA_INT, 0);
    }
}
