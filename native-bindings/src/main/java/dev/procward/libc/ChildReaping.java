package dev.procward.libc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reaping by the kernel: with SIGCHLD ignored, an exiting child is released by the kernel in its
 * own exit, on whatever CPU it exits on, and never becomes a zombie; its parent is not woken.
 * Since Linux 6.15 a pidfd keeps the exit status of its process after that release
 * ({@code PIDFD_GET_INFO} with {@code PIDFD_INFO_EXIT}), so a supervisor can leave the reaping of
 * every other child to the kernel and still learn how its own child ended.
 *
 * <p>Raw {@code rt_sigaction} and {@code ioctl} through {@link Syscall}: no downcall shape of their
 * own on the init path.
 */
public final class ChildReaping {

    private ChildReaping() {}

    /** The kernel's {@code struct sigaction} (x86_64 and aarch64): handler, flags, restorer, mask. */
    private static final long K_SIGACTION_BYTES = 32;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    private static final int SIGCHLD = 17;

    /** {@code struct pidfd_info} as of Linux 6.15 (PIDFD_INFO_SIZE_VER0). */
    private static final long PIDFD_INFO_BYTES = 64;
    private static final long INFO_MASK = 0;
    private static final long INFO_EXIT_CODE = 60;
    private static final long PIDFD_INFO_EXIT = 1L << 3;
    /** {@code _IOWR(PIDFS_IOCTL_MAGIC 0xFF, 11, struct pidfd_info)}; the generic ioctl encoding of both architectures. */
    private static final long PIDFD_GET_INFO = (3L << 30) | (PIDFD_INFO_BYTES << 16) | (0xFFL << 8) | 11;

    /** {@code struct utsname}: six 65-byte fields; release is the third. */
    private static final long UTSNAME_BYTES = 6 * 65;
    private static final long UTS_RELEASE = 2 * 65;
    private static final int UTS_FIELD = 65;

    /**
     * Whether this kernel keeps a pidfd's exit status past the reap (6.15 and later), read from
     * the release {@code uname} reports. Without it, ignoring SIGCHLD would lose the child's status.
     */
    public static boolean pidfdKeepsExitStatus() {
        return pidfdKeepsExitStatus(kernelRelease());
    }

    /** The same for a kernel {@code release} read elsewhere (a container's {@code uname -r}). */
    public static boolean pidfdKeepsExitStatus(String release) {
        return atLeast(release, 6, 15);
    }

    /** {@code uname(2)}'s release, e.g. "6.18.44-fc-v1300". */
    public static String kernelRelease() {
        CallState cs = CallState.current();
        MemorySegment uts = cs.zeroedScratch(UTSNAME_BYTES);
        if (Syscall.raw(cs, Sys.UNAME, uts.address(), 0, 0, 0, 0, 0) == -1) throw cs.failure("uname", "");
        byte[] field = uts.asSlice(UTS_RELEASE, UTS_FIELD).toArray(ValueLayout.JAVA_BYTE);
        int end = 0;
        while (end < field.length && field[end] != 0) end++;
        return new String(field, 0, end, StandardCharsets.US_ASCII);
    }

    /** True when {@code release} ("MAJOR.MINOR[.anything]") is at least major.minor. */
    static boolean atLeast(String release, int major, int minor) {
        int[] parts = {0, 0};
        int part = 0;
        boolean digits = false;
        for (int i = 0; i < release.length() && part < 2; i++) {
            char c = release.charAt(i);
            if (c >= '0' && c <= '9') {
                parts[part] = parts[part] * 10 + (c - '0');
                digits = true;
            } else if (c == '.' && digits) {
                part++;
                digits = false;
            } else {
                break;
            }
        }
        return parts[0] != major ? parts[0] > major : parts[1] >= minor;
    }

    /**
     * Sets SIGCHLD to SIG_IGN ({@code on}: the kernel reaps every child as it exits and sends no
     * SIGCHLD) or back to SIG_DFL. Children that are zombies already stay zombies until waited
     * for. Execve resets an ignored SIGCHLD only where the spawn says so (posix_spawn's
     * sigdefault set), so spawn with it off or with SIGCHLD in that set.
     */
    public static void setKernelReaps(boolean on) {
        CallState cs = CallState.current();
        MemorySegment act = cs.zeroedScratch(K_SIGACTION_BYTES);
        act.set(ValueLayout.JAVA_LONG, 0, on ? SIG_IGN : SIG_DFL);
        long r = Syscall.raw(cs, Sys.RT_SIGACTION, SIGCHLD, act.address(), 0, SignalSet.KERNEL_BYTES, 0, 0);
        if (r == -1) throw cs.failure("rt_sigaction", "SIGCHLD");
    }

    /**
     * How the process behind {@code pidfd} ended, once it has exited and been reaped (by a wait or
     * by the kernel); empty while it runs or is still a zombie. Needs Linux 6.15
     * ({@link #pidfdKeepsExitStatus()}); before that the kernel never reports it.
     */
    public static Optional<ChildStatus.Terminated> exitStatus(Pidfd pidfd) {
        CallState cs = CallState.current();
        MemorySegment info = cs.zeroedScratch(PIDFD_INFO_BYTES);
        info.set(ValueLayout.JAVA_LONG, INFO_MASK, PIDFD_INFO_EXIT);
        long r = Syscall.raw(cs, Sys.IOCTL, pidfd.fd(), PIDFD_GET_INFO, info.address(), 0, 0, 0);
        if (r == -1) {
            // ESRCH: reaped, and this kernel kept no exit status for it (before 6.15)
            if (cs.errno() == Errno.ESRCH.number()) return Optional.empty();
            throw cs.failure("ioctl(PIDFD_GET_INFO)", "pid " + pidfd.pid());
        }
        if ((info.get(ValueLayout.JAVA_LONG, INFO_MASK) & PIDFD_INFO_EXIT) == 0) return Optional.empty();
        int status = info.get(ValueLayout.JAVA_INT, INFO_EXIT_CODE);
        return ChildStatus.fromWaitStatus(pidfd.pid(), status) instanceof ChildStatus.Terminated t ? Optional.of(t) : Optional.empty();
    }
}
