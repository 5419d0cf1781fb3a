package dev.procward.libc;

import java.util.Locale;

/**
 * The CPU architecture the JVM runs on, which decides syscall numbers.
 *
 * <p>Only two 64-bit ABIs are supported. Their struct layouts for everything this module binds
 * ({@code siginfo_t}, {@code signalfd_siginfo}, {@code sched_attr}, glibc's {@code sigset_t},
 * {@code struct sigaction}, {@code posix_spawnattr_t} …) are identical, so layouts live beside
 * the calls that use them and only syscall numbers differ (see {@code Sys}); {@code StructLayoutTest}
 * checks the layouts against the C compiler on the running machine.
 */
public enum Arch {
    X86_64,
    AARCH64;

    private static final Arch CURRENT = detect(System.getProperty("os.arch", ""));

    /** The running architecture; fails with {@link UnsupportedOperationException} elsewhere. */
    public static Arch current() {
        if (CURRENT == null) {
            throw new UnsupportedOperationException(
                    "procward's libc bindings support x86_64 and aarch64, not " + System.getProperty("os.arch"));
        }
        return CURRENT;
    }

    /** True on a supported Linux host: the bindings may be used. */
    public static boolean supported() {
        return CURRENT != null && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux");
    }

    static Arch detect(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }
}
