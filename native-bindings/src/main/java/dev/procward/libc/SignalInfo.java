package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * One {@code struct signalfd_siginfo} read from a {@link SignalFd}.
 *
 * <p>For SIGCHLD, {@code pid}/{@code status}/{@code code} describe <em>one</em> child, but signals
 * coalesce: the record may stand for several exits, so reap with a WNOHANG loop
 * ({@link Wait#reapAny()}) rather than trusting the pid.
 *
 * @param signal  ssi_signo
 * @param code    ssi_code (SI_USER 0, SI_KERNEL 0x80, SI_QUEUE -1, CLD_EXITED 1 …)
 * @param pid     ssi_pid: the sender, or the child for SIGCHLD
 * @param uid     ssi_uid: the sender's real uid
 * @param status  ssi_status: exit code or signal for SIGCHLD
 * @param value   ssi_int: the value sent with sigqueue
 * @param utime   ssi_utime (SIGCHLD)
 * @param stime   ssi_stime (SIGCHLD)
 */
public record SignalInfo(int signal, int code, int pid, int uid, int status, int value, long utime, long stime) {

    /** sizeof(struct signalfd_siginfo). */
    public static final long BYTES = 128;
    static final long SSI_SIGNO = 0;
    static final long SSI_CODE = 8;
    static final long SSI_PID = 12;
    static final long SSI_UID = 16;
    static final long SSI_STATUS = 40;
    static final long SSI_INT = 44;
    static final long SSI_UTIME = 56;
    static final long SSI_STIME = 64;

    static SignalInfo read(MemorySegment s) {
        return new SignalInfo(s.get(JAVA_INT, SSI_SIGNO), s.get(JAVA_INT, SSI_CODE), s.get(JAVA_INT, SSI_PID),
                s.get(JAVA_INT, SSI_UID), s.get(JAVA_INT, SSI_STATUS), s.get(JAVA_INT, SSI_INT),
                s.get(JAVA_LONG, SSI_UTIME), s.get(JAVA_LONG, SSI_STIME));
    }

    /** True when the kernel sent it on a child's state change (ssi_code is a CLD_* value). */
    public boolean fromChild() {
        return signal == Signal.SIGCHLD.number() && code >= 1 && code <= 6;
    }

    @Override
    public String toString() {
        return Signal.nameOf(signal) + "{code=" + code + ", pid=" + pid + ", uid=" + uid + ", status=" + status + "}";
    }
}
