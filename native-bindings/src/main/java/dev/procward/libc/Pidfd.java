package dev.procward.libc;

import java.time.Duration;

/**
 * A process file descriptor ({@code pidfd_open}, Linux 5.3): a handle on one process that cannot
 * be confused with a later process reusing the pid.
 *
 * <p>It becomes readable (POLLIN) when the process exits; for a child, {@link #waitid} with
 * {@link Wait.IdType#PIDFD} then reaps exactly that child. The descriptor is close-on-exec (the
 * kernel sets it).
 */
public final class Pidfd implements AutoCloseable {

    private final int fd;
    private final int pid;
    private boolean closed;

    private Pidfd(int fd, int pid) {
        this.fd = fd;
        this.pid = pid;
    }

    /** pidfd_open(pid, 0). ESRCH when no such process; EINVAL for a thread id that is no process. */
    public static Pidfd open(int pid) {
        return new Pidfd((int) Syscall.call(Sys.PIDFD_OPEN, () -> pid, pid, 0), pid);
    }

    public int fd() {
        return fd;
    }

    /** The pid this descriptor was opened for. */
    public int pid() {
        return pid;
    }

    /** pidfd_send_signal(fd, signal, NULL, 0). ESRCH once the process has exited (even as a zombie). */
    public void sendSignal(int signal) {
        Syscall.call(Sys.PIDFD_SEND_SIGNAL, () -> "pid " + pid + ", " + Signal.nameOf(signal), fd, signal, 0, 0);
    }

    public void sendSignal(Signal signal) {
        sendSignal(signal.number());
    }

    /** waitid(P_PIDFD, fd, options): only for our own children. */
    public ChildStatus waitid(int options) {
        return Wait.waitid(Wait.IdType.PIDFD, fd, options);
    }

    /** Waits until the process has exited, at most {@code timeout} (null: forever); true when it has. */
    public boolean awaitExit(Duration timeout) {
        return (Fds.poll(new int[] {fd}, Fds.POLLIN, timeout)[0] & Fds.POLLIN) != 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Fds.close(fd);
        }
    }
}
