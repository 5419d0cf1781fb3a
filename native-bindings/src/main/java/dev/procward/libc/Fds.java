package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

/**
 * Plain file-descriptor calls: read, write, close, pipe, poll, and the close-on-exec flag.
 *
 * <p>For descriptors the JDK does not wrap: signalfds, pidfds, and descriptors to hand to a
 * spawned child. Errors other than EAGAIN on a non-blocking descriptor are thrown.
 */
public final class Fds {

    private Fds() {}

    public static final short POLLIN = 0x1;
    public static final short POLLPRI = 0x2;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    /** {@code struct pollfd}: fd, events, revents. */
    static final long POLLFD_BYTES = 8;
    static final long POLLFD_EVENTS = 4;
    static final long POLLFD_REVENTS = 6;
    /** {@code struct timespec}. */
    static final long TIMESPEC_BYTES = 16;

    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int FD_CLOEXEC = 1;
    static final int O_CLOEXEC = 0x80000;

    /** read(2) into {@code buffer}; the count read, 0 at end of file, -1 for EAGAIN. */
    public static long read(int fd, MemorySegment buffer) {
        CallState cs = CallState.current();
        long n = Syscall.raw(cs, Sys.READ, fd, buffer.address(), buffer.byteSize(), 0, 0, 0);
        if (n == -1) {
            if (cs.errno() == Errno.EAGAIN.number()) return -1;
            throw cs.failure("read", fd);
        }
        return n;
    }

    /** write(2) from {@code buffer}; the count written (may be short), -1 for EAGAIN. */
    public static long write(int fd, MemorySegment buffer) {
        CallState cs = CallState.current();
        long n = Syscall.raw(cs, Sys.WRITE, fd, buffer.address(), buffer.byteSize(), 0, 0, 0);
        if (n == -1) {
            if (cs.errno() == Errno.EAGAIN.number()) return -1;
            throw cs.failure("write", fd);
        }
        return n;
    }

    /** close(2). */
    public static void close(int fd) {
        Syscall.call(Sys.CLOSE, () -> fd, fd);
    }

    /** pipe2(O_CLOEXEC): {read end, write end}, both close-on-exec. */
    public static int[] pipe() {
        CallState cs = CallState.current();
        MemorySegment fds = cs.zeroedScratch(8);
        long r = Syscall.raw(cs, Sys.PIPE2, fds.address(), O_CLOEXEC, 0, 0, 0, 0);
        if (r == -1) throw cs.failure("pipe2", "O_CLOEXEC");
        return new int[] {fds.get(JAVA_INT, 0), fds.get(JAVA_INT, 4)};
    }

    /**
     * poll(2) for {@code events} on every descriptor in {@code fds}, through {@code ppoll}
     * (aarch64 has no plain poll).
     *
     * @param timeout null waits without limit
     * @return the revents per descriptor (0 where nothing happened); all 0 after a timeout or EINTR
     */
    public static short[] poll(int[] fds, short events, Duration timeout) {
        long bytes = fds.length * POLLFD_BYTES + TIMESPEC_BYTES;
        CallState cs = CallState.current();
        try (Arena arena = bytes <= CallState.SCRATCH_BYTES ? null : Arena.ofConfined()) {
            MemorySegment mem = arena == null ? cs.zeroedScratch(bytes) : arena.allocate(bytes, 8);
            MemorySegment ts = mem.asSlice(0, TIMESPEC_BYTES);
            MemorySegment pfds = mem.asSlice(TIMESPEC_BYTES);
            for (int i = 0; i < fds.length; i++) {
                pfds.set(JAVA_INT, i * POLLFD_BYTES, fds[i]);
                pfds.set(JAVA_SHORT, i * POLLFD_BYTES + POLLFD_EVENTS, events);
            }
            long tsAddress = 0;
            if (timeout != null) {
                ts.set(JAVA_LONG, 0, timeout.getSeconds());
                ts.set(JAVA_LONG, 8, timeout.getNano());
                tsAddress = ts.address();
            }
            long r = Syscall.raw(cs, Sys.PPOLL, pfds.address(), fds.length, tsAddress, 0, SignalSet.KERNEL_BYTES, 0);
            short[] revents = new short[fds.length];
            if (r == -1) {
                if (cs.errno() == Errno.EINTR.number()) return revents;
                throw cs.failure("ppoll", fds.length + " fds");
            }
            for (int i = 0; i < fds.length; i++) revents[i] = pfds.get(JAVA_SHORT, i * POLLFD_BYTES + POLLFD_REVENTS);
            return revents;
        }
    }

    /** Sets or clears FD_CLOEXEC, e.g. to let one inherited descriptor through an exec. */
    public static void setCloseOnExec(int fd, boolean closeOnExec) {
        Syscall.call(Sys.FCNTL, () -> fd + ", F_SETFD", fd, F_SETFD, closeOnExec ? FD_CLOEXEC : 0);
    }

    /** True when FD_CLOEXEC is set on {@code fd}. */
    public static boolean isCloseOnExec(int fd) {
        return (Syscall.call(Sys.FCNTL, () -> fd + ", F_GETFD", fd, F_GETFD) & FD_CLOEXEC) != 0;
    }
}
