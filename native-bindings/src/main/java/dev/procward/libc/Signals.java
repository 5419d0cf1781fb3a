package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Signal masks, sending signals, and dispositions limited to SIG_IGN/SIG_DFL.
 *
 * <p>Masks are per thread. In a JVM, blocking a signal from one thread does not keep it off the
 * others (DESIGN.md): an init that reads signals through a signalfd must start with the mask
 * already blocked, inherited across {@code execve}. There is deliberately no way to install a
 * handler: an FFM upcall run as a signal handler aborts HotSpot.
 *
 * <p>{@code sigprocmask}, {@code pthread_sigmask} and {@code sigaction} share one link shape
 * {@code (int, void*, void*) -> int}; the raw {@code rt_sigprocmask} and {@code kill} go through
 * {@code syscall}.
 */
public final class Signals {

    private Signals() {}

    /** How a new mask combines with the current one. */
    public enum How {
        BLOCK(0),
        UNBLOCK(1),
        SETMASK(2);

        final int value;

        How(int value) {
            this.value = value;
        }
    }

    /** A signal's disposition, as far as this module lets one set it. */
    public enum Disposition {
        DEFAULT,
        IGNORE,
        /** Some handler is installed (by the JVM, say); never set by this module. */
        HANDLER
    }

    /** glibc's {@code struct sigaction}: handler, 128-byte mask, flags, restorer. */
    static final long SIGACTION_BYTES = 152;
    static final long SA_HANDLER = 0;
    static final long SA_MASK = 8;
    static final long SA_FLAGS = 136;
    static final long SIG_DFL = 0;
    static final long SIG_IGN = 1;

    private static final FunctionDescriptor INT_PTR_PTR = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final LazyHandle SIGPROCMASK = new LazyHandle("sigprocmask", INT_PTR_PTR);
    private static final LazyHandle PTHREAD_SIGMASK = new LazyHandle("pthread_sigmask", INT_PTR_PTR);
    private static final LazyHandle SIGACTION = new LazyHandle("sigaction", INT_PTR_PTR);

    /**
     * glibc {@code sigprocmask}: changes the calling thread's mask (128-byte sigset); returns the
     * previous mask. glibc silently keeps its own internal signals 32 and 33 unblocked.
     */
    public static SignalSet sigprocmask(How how, SignalSet set) {
        return glibcMask(SIGPROCMASK, how, set, false);
    }

    /** glibc {@code pthread_sigmask}: as {@link #sigprocmask}, reporting errors by return value. */
    public static SignalSet pthreadSigmask(How how, SignalSet set) {
        return glibcMask(PTHREAD_SIGMASK, how, set, true);
    }

    private static SignalSet glibcMask(LazyHandle fn, How how, SignalSet set, boolean returnsError) {
        CallState cs = CallState.current();
        MemorySegment scratch = cs.zeroedScratch(2 * SignalSet.GLIBC_BYTES);
        MemorySegment in = scratch.asSlice(0, SignalSet.GLIBC_BYTES);
        MemorySegment old = scratch.asSlice(SignalSet.GLIBC_BYTES, SignalSet.GLIBC_BYTES);
        set.writeGlibc(in);
        int r = invokeIntPtrPtr(fn.get(), cs, how.value, in, old);
        if (returnsError ? r != 0 : r == -1) {
            int errno = returnsError ? r : cs.errno();
            throw new ErrnoException(fn.symbol() + "(" + how + ", " + set + ")", errno);
        }
        return SignalSet.read(old);
    }

    /** Raw {@code rt_sigprocmask} with the kernel's 8-byte sigset; returns the previous mask. */
    public static SignalSet rtSigprocmask(How how, SignalSet set) {
        CallState cs = CallState.current();
        MemorySegment scratch = cs.zeroedScratch(2 * SignalSet.KERNEL_BYTES);
        set.writeKernel(scratch);
        long r = Syscall.raw(cs, Sys.RT_SIGPROCMASK, how.value, scratch.address(),
                scratch.address() + SignalSet.KERNEL_BYTES, SignalSet.KERNEL_BYTES, 0, 0);
        if (r == -1) throw cs.failure("rt_sigprocmask", how + ", " + set);
        return SignalSet.read(scratch.asSlice(SignalSet.KERNEL_BYTES));
    }

    /** The calling thread's blocked set. */
    public static SignalSet blocked() {
        return rtSigprocmask(How.BLOCK, SignalSet.EMPTY);
    }

    /** Signals pending for the calling thread or the process ({@code rt_sigpending}). */
    public static SignalSet pending() {
        CallState cs = CallState.current();
        MemorySegment out = cs.zeroedScratch(SignalSet.KERNEL_BYTES);
        long r = Syscall.raw(cs, Sys.RT_SIGPENDING, out.address(), SignalSet.KERNEL_BYTES, 0, 0, 0, 0);
        if (r == -1) throw cs.failure("rt_sigpending", "");
        return SignalSet.read(out);
    }

    /** kill(pid, signal). Signal 0 only checks that {@code pid} exists (ESRCH when not). */
    public static void kill(int pid, int signal) {
        Syscall.call(Sys.KILL, () -> pid + ", " + Signal.nameOf(signal), pid, signal);
    }

    public static void kill(int pid, Signal signal) {
        kill(pid, signal.number());
    }

    /**
     * tgkill(tgid, tid, signal): to one thread of a process, e.g. to test a thread's own mask, or
     * to signal the JVM thread that reads a signalfd.
     */
    public static void tgkill(int tgid, int tid, int signal) {
        Syscall.call(Sys.TGKILL, () -> tgid + ", " + tid + ", " + Signal.nameOf(signal), tgid, tid, signal);
    }

    /** killpg(pgid, signal): every process in group {@code pgid} ({@code kill(-pgid, …)}). */
    public static void killpg(int pgid, int signal) {
        if (pgid < 0) throw new IllegalArgumentException("process group must be >= 0: " + pgid);
        Syscall.call(Sys.KILL, () -> "process group " + pgid + ", " + Signal.nameOf(signal), -pgid, signal);
    }

    /**
     * Sets {@code signal} to SIG_IGN or SIG_DFL and returns what it was. Refuses the signals the
     * JVM itself depends on (SEGV, BUS, FPE, ILL): changing them would crash the VM.
     */
    public static Disposition setDisposition(int signal, Disposition disposition) {
        if (disposition == Disposition.HANDLER) {
            throw new IllegalArgumentException("procward never installs signal handlers (FFM upcalls abort HotSpot)");
        }
        if (signal == Signal.SIGSEGV.number() || signal == Signal.SIGBUS.number()
                || signal == Signal.SIGFPE.number() || signal == Signal.SIGILL.number()) {
            throw new IllegalArgumentException("the JVM needs its own handler for " + Signal.nameOf(signal));
        }
        CallState cs = CallState.current();
        MemorySegment scratch = cs.zeroedScratch(2 * SIGACTION_BYTES);
        MemorySegment act = scratch.asSlice(0, SIGACTION_BYTES);
        act.set(JAVA_LONG, SA_HANDLER, disposition == Disposition.IGNORE ? SIG_IGN : SIG_DFL);
        return sigaction(cs, signal, act, scratch.asSlice(SIGACTION_BYTES, SIGACTION_BYTES));
    }

    /** The current disposition of {@code signal}. */
    public static Disposition disposition(int signal) {
        CallState cs = CallState.current();
        return sigaction(cs, signal, MemorySegment.NULL, cs.zeroedScratch(SIGACTION_BYTES));
    }

    private static Disposition sigaction(CallState cs, int signal, MemorySegment act, MemorySegment old) {
        int r = invokeIntPtrPtr(SIGACTION.get(), cs, signal, act, old);
        if (r == -1) throw cs.failure("sigaction", Signal.nameOf(signal));
        long handler = old.get(JAVA_LONG, SA_HANDLER);
        return handler == SIG_DFL ? Disposition.DEFAULT : handler == SIG_IGN ? Disposition.IGNORE : Disposition.HANDLER;
    }

    private static int invokeIntPtrPtr(MethodHandle h, CallState cs, int a, MemorySegment b, MemorySegment c) {
        try {
            return (int) h.invokeExact(cs.capture, a, b, c);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
