package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A signalfd ({@code signalfd4}): signals in its set become readable records instead of running
 * handlers.
 *
 * <p>The signals must be blocked in <em>every</em> thread that could otherwise take them (for a
 * JVM: inherited from before exec, see DESIGN.md), or they are delivered normally and never reach
 * the descriptor. The descriptor is always close-on-exec so children do not inherit it.
 */
public final class SignalFd implements AutoCloseable {

    /** {@code SFD_NONBLOCK} = O_NONBLOCK. */
    static final int SFD_NONBLOCK = 0x800;
    /** {@code SFD_CLOEXEC} = O_CLOEXEC. */
    static final int SFD_CLOEXEC = 0x80000;

    private final int fd;
    private boolean closed;

    private SignalFd(int fd) {
        this.fd = fd;
    }

    /**
     * Opens a signalfd for {@code signals}.
     *
     * @param nonBlocking when true, {@link #read()} returns empty instead of waiting
     */
    public static SignalFd open(SignalSet signals, boolean nonBlocking) {
        return new SignalFd(signalfd4(-1, signals, SFD_CLOEXEC | (nonBlocking ? SFD_NONBLOCK : 0)));
    }

    /** Replaces the set of signals this descriptor accepts. */
    public void update(SignalSet signals) {
        signalfd4(fd, signals, 0);
    }

    private static int signalfd4(int fd, SignalSet signals, int flags) {
        CallState cs = CallState.current();
        MemorySegment mask = cs.zeroedScratch(SignalSet.KERNEL_BYTES);
        signals.writeKernel(mask);
        long r = Syscall.raw(cs, Sys.SIGNALFD4, fd, mask.address(), SignalSet.KERNEL_BYTES, flags, 0, 0);
        if (r == -1) throw cs.failure("signalfd4", signals);
        return (int) r;
    }

    /** The descriptor, to poll it together with others. */
    public int fd() {
        return fd;
    }

    /**
     * Reads one record. Blocks when opened blocking; returns empty when non-blocking and nothing is
     * pending, or when a blocking read was interrupted (EINTR). A blocking read cannot be
     * interrupted from Java: poll the fd first when that matters.
     */
    public Optional<SignalInfo> read() {
        CallState cs = CallState.current();
        return readIntoScratch(cs) ? Optional.of(SignalInfo.read(cs.scratch)) : Optional.empty();
    }

    /**
     * The number of the next signal (waiting for one when opened blocking), or 0 when none is
     * pending or the wait was interrupted: {@link #read} without the
     * rest of the siginfo. For init's loop, which wakes once per burst of SIGCHLD in a reap storm
     * and, interpreted, paid ~6 µs per wake to decode the seven fields it never looks at.
     */
    public int readSignal() {
        CallState cs = CallState.current();
        return readIntoScratch(cs) ? cs.scratch.get(JAVA_INT, SignalInfo.SSI_SIGNO) : 0;
    }

    /** One record into the thread's scratch, unzeroed: the kernel writes every byte of a record it returns. */
    private boolean readIntoScratch(CallState cs) {
        long n = Syscall.raw(cs, Sys.READ, fd, cs.scratch.address(), SignalInfo.BYTES, 0, 0, 0);
        if (n == -1) {
            int errno = cs.errno();
            // EINTR: a blocking read woken by a signal outside the set (the JVM keeps one for itself)
            if (errno == Errno.EAGAIN.number() || errno == Errno.EINTR.number()) return false;
            throw cs.failure("read", "signalfd " + fd);
        }
        if (n != SignalInfo.BYTES) throw new IllegalStateException("signalfd read returned " + n + " bytes");
        return true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Fds.close(fd);
        }
    }
}
