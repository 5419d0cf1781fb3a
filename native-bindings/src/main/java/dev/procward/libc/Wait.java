package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting for children: {@code waitid} and {@code waitpid} (as {@code wait4}), decoded into
 * {@link ChildStatus}.
 *
 * <p>Options are the kernel's bit values so they combine with {@code |} without allocation, e.g.
 * {@code Wait.waitid(IdType.ALL, 0, Wait.WEXITED | Wait.WNOHANG)}. The {@code siginfo_t} lives in
 * the calling thread's scratch memory and is zeroed before every call: with WNOHANG and nothing
 * ready the kernel leaves {@code si_pid} 0, which is how "nothing ready" is told apart.
 */
public final class Wait {

    private Wait() {}

    /** Return at once when no child is ready. */
    public static final int WNOHANG = 1;
    /** waitid: report stopped children. (waitpid calls the same bit WUNTRACED.) */
    public static final int WSTOPPED = 2;
    /** waitpid: report stopped children. */
    public static final int WUNTRACED = 2;
    /** waitid: report exited or killed children. */
    public static final int WEXITED = 4;
    /** Report children resumed by SIGCONT. */
    public static final int WCONTINUED = 8;
    /** waitid: report, but leave the child waitable (do not reap). */
    public static final int WNOWAIT = 0x01000000;

    /** {@code siginfo_t}: 128 bytes; the SIGCHLD fields used here. */
    static final long SIGINFO_BYTES = 128;
    static final long SI_SIGNO = 0;
    static final long SI_CODE = 8;
    static final long SI_PID = 16;
    static final long SI_UID = 20;
    static final long SI_STATUS = 24;

    /** Which children {@code waitid} considers. */
    public enum IdType {
        /** Any child; the id is ignored. */
        ALL(0),
        /** The child with pid = id. */
        PID(1),
        /** Any child in process group id. */
        PGID(2),
        /** The child the pidfd id refers to (Linux 5.4). */
        PIDFD(3);

        final int value;

        IdType(int value) {
            this.value = value;
        }
    }

    /**
     * waitid(type, id, options). Returns {@link ChildStatus#NOTHING_READY} under WNOHANG when no
     * child qualifies yet; throws ECHILD when there is no such child at all.
     */
    public static ChildStatus waitid(IdType type, int id, int options) {
        CallState cs = CallState.current();
        MemorySegment info = cs.zeroedScratch(SIGINFO_BYTES);
        long r = Syscall.raw(cs, Sys.WAITID, type.value, id, info.address(), options, 0, 0);
        if (r == -1) throw cs.failure("waitid", type + ", " + id);
        int pid = info.get(JAVA_INT, SI_PID);
        if (pid == 0) return ChildStatus.NOTHING_READY;
        return ChildStatus.fromSiginfo(pid, info.get(JAVA_INT, SI_CODE), info.get(JAVA_INT, SI_STATUS));
    }

    /**
     * Reaps one exited child without blocking: {@code waitpid(-1, WNOHANG)}. Call it
     * in a loop until {@link ChildStatus.NothingReady} (or ECHILD), because one SIGCHLD can stand
     * for many exits.
     */
    public static ChildStatus reapAny() {
        // wait4, not waitid: the same children (exited ones, as tini's waitpid(-1, WNOHANG)), but
        // the pid comes back as the result and the status is one int, not a 128-byte siginfo to
        // zero and read three fields of. In init's interpreter that is a third of a reap's cost.
        return waitpid(-1, WNOHANG);
    }

    /**
     * The drain loop after a SIGCHLD: reaps every child that has exited by now, without blocking,
     * and stops at "nothing ready" or when no children are left (ECHILD is not an error here).
     */
    public static List<ChildStatus.Terminated> reapAllExited() {
        List<ChildStatus.Terminated> reaped = new ArrayList<>();
        while (true) {
            ChildStatus s;
            try {
                s = reapAny();
            } catch (ErrnoException e) {
                if (e.is(Errno.ECHILD)) return reaped;
                throw e;
            }
            if (!(s instanceof ChildStatus.Terminated t)) return reaped;
            reaped.add(t);
        }
    }

    /**
     * waitpid(pid, options), i.e. {@code wait4(pid, &status, options, NULL)}. {@code pid} -1 means
     * any child, 0 our group, -pgid that group.
     */
    public static ChildStatus waitpid(int pid, int options) {
        CallState cs = CallState.current();
        // The scratch as it is, no slice and no zeroing: the kernel writes the status whenever
        // it reports a child, and nothing is read otherwise. In a reap storm, per call.
        long r = Syscall.raw(cs, Sys.WAIT4, pid, cs.scratch.address(), options, 0, 0, 0);
        if (r == -1) throw cs.failure("waitpid", pid);
        if (r == 0) return ChildStatus.NOTHING_READY;
        return ChildStatus.fromWaitStatus((int) r, cs.scratch.get(JAVA_INT, 0));
    }
}
