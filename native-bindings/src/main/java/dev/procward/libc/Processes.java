package dev.procward.libc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Process identity, process groups, sessions and the terminal's foreground group.
 *
 * <p>All through raw syscalls sharing one link (see {@code Syscall}); glibc's wrappers for these
 * add nothing (glibc even stopped caching getpid).
 */
public final class Processes {

    private Processes() {}

    /** {@code TIOCGPGRP}/{@code TIOCSPGRP}: the same on x86_64 and aarch64 (asm-generic ioctls). */
    static final long TIOCGPGRP = 0x540F;
    static final long TIOCSPGRP = 0x5410;
    static final long TIOCNOTTY = 0x5422;

    /** getpid(): this process in its own PID namespace. */
    public static int pid() {
        return (int) Syscall.call(Sys.GETPID, () -> "");
    }

    /** getppid(): 0 when the parent is outside our PID namespace (we are PID 1 there). */
    public static int parentPid() {
        return (int) Syscall.call(Sys.GETPPID, () -> "");
    }

    /** gettid(): the calling thread's id. */
    public static int threadId() {
        return (int) Syscall.call(Sys.GETTID, () -> "");
    }

    /** getuid(). */
    public static int uid() {
        return (int) Syscall.call(Sys.GETUID, () -> "");
    }

    /** geteuid(): 0 means root, for tests and for features that need privileges. */
    public static int effectiveUid() {
        return (int) Syscall.call(Sys.GETEUID, () -> "");
    }

    /** setsid(): makes the caller a session and group leader; EPERM if it already leads a group. */
    public static int setsid() {
        return (int) Syscall.call(Sys.SETSID, () -> "");
    }

    /** setpgid(pid, pgid): 0 for either means the caller / the pid itself. */
    public static void setpgid(int pid, int pgid) {
        Syscall.call(Sys.SETPGID, () -> pid + ", " + pgid, pid, pgid);
    }

    /** getpgid(pid): the process group of {@code pid} (0 = caller). ESRCH when it is gone. */
    public static int getpgid(int pid) {
        return (int) Syscall.call(Sys.GETPGID, () -> pid, pid);
    }

    /** getsid(pid): the session of {@code pid} (0 = caller). */
    public static int getsid(int pid) {
        return (int) Syscall.call(Sys.GETSID, () -> pid, pid);
    }

    /** tcgetpgrp(fd): the foreground process group of the terminal on {@code fd}; ENOTTY when none. */
    public static int tcgetpgrp(int fd) {
        CallState cs = CallState.current();
        MemorySegment out = cs.zeroedScratch(4);
        long r = Syscall.raw(cs, Sys.IOCTL, fd, TIOCGPGRP, out.address(), 0, 0, 0);
        if (r == -1) throw cs.failure("tcgetpgrp", fd);
        return out.get(ValueLayout.JAVA_INT, 0);
    }

    /**
     * ioctl(fd, TIOCNOTTY): the caller gives up its controlling terminal (ENOTTY when the terminal
     * on {@code fd} is not its controlling one). When the caller leads the session, the terminal
     * becomes free for another session, and the kernel sends SIGHUP and SIGCONT to the
     * terminal's foreground group.
     */
    public static void detachControllingTerminal(int fd) {
        CallState cs = CallState.current();
        long r = Syscall.raw(cs, Sys.IOCTL, fd, TIOCNOTTY, 0, 0, 0, 0);
        if (r == -1) throw cs.failure("ioctl(TIOCNOTTY)", fd);
    }

    /**
     * tcsetpgrp(fd, pgid): hands the terminal's foreground to {@code pgid}. A caller in a
     * background group gets SIGTTOU unless it blocks or ignores it first.
     */
    public static void tcsetpgrp(int fd, int pgid) {
        CallState cs = CallState.current();
        MemorySegment in = cs.zeroedScratch(4);
        in.set(ValueLayout.JAVA_INT, 0, pgid);
        long r = Syscall.raw(cs, Sys.IOCTL, fd, TIOCSPGRP, in.address(), 0, 0, 0);
        if (r == -1) throw cs.failure("tcsetpgrp", fd + ", " + pgid);
    }
}
