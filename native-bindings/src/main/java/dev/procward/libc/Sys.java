package dev.procward.libc;

/**
 * Syscall numbers for the calls made through {@code syscall()}, per architecture.
 *
 * <p>Going through {@code syscall()} lets many calls share one downcall shape (see DESIGN.md: every
 * distinct shape costs about 15 ms to link). Numbers come from {@code asm/unistd_64.h} (x86_64) and
 * {@code asm-generic/unistd.h} (aarch64); {@code SysTest} compares them with those headers.
 */
enum Sys {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    IOCTL(16, 29),
    RT_SIGPROCMASK(14, 135),
    RT_SIGPENDING(127, 136),
    GETPID(39, 172),
    GETTID(186, 178),
    EXECVE(59, 221),
    WAIT4(61, 260),
    KILL(62, 129),
    TGKILL(234, 131),
    FCNTL(72, 25),
    GETUID(102, 174),
    GETEUID(107, 175),
    SETPGID(109, 154),
    GETPPID(110, 173),
    SETSID(112, 157),
    GETPGID(121, 155),
    GETSID(124, 156),
    GETPRIORITY(140, 141),
    SETPRIORITY(141, 140),
    PRCTL(157, 167),
    WAITID(247, 95),
    PPOLL(271, 73),
    UNSHARE(272, 97),
    SIGNALFD4(289, 74),
    PRLIMIT64(302, 261),
    SCHED_SETATTR(314, 274),
    SCHED_GETATTR(315, 275),
    PIDFD_SEND_SIGNAL(424, 424),
    PIPE2(293, 59),
    PIDFD_OPEN(434, 434),
    // Per-thread credentials (ThreadCredentials), added by the init work.
    SETGROUPS(116, 159),
    SETRESUID(117, 147),
    SETRESGID(119, 149),
    // Directory-relative reads of /proc (DirectoryReader).
    OPENAT(257, 56),
    GETDENTS64(217, 61),
    LSEEK(8, 62),
    PREAD64(17, 67),
    READLINKAT(267, 78),
    // The idle init's start-up pages (ResidentPages).
    MADVISE(28, 233),
    PROCESS_MADVISE(440, 440),
    // The init's kernel-side reaping (ChildReaping).
    RT_SIGACTION(13, 134),
    UNAME(63, 160);

    final int x86_64;
    final int aarch64;

    Sys(int x86_64, int aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    /** The kernel's name for this call, as in the headers (e.g. "rt_sigprocmask"). */
    String kernelName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The number on {@code arch}. */
    int number(Arch arch) {
        return arch == Arch.X86_64 ? x86_64 : aarch64;
    }

    /** The number on the running architecture. */
    long number() {
        return Numbers.BY_ORDINAL[ordinal()];
    }

    /** Resolved once, so a call costs an array load rather than an architecture test. */
    private static final class Numbers {
        static final long[] BY_ORDINAL = new long[values().length];

        static {
            Arch arch = Arch.current();
            for (Sys s : values()) BY_ORDINAL[s.ordinal()] = s.number(arch);
        }
    }
}
