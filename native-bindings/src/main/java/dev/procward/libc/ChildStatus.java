package dev.procward.libc;

/**
 * What {@code waitid}/{@code waitpid} reported about a child: a sealed set, so a {@code switch}
 * over it is exhaustive.
 */
public sealed interface ChildStatus {

    /** The child's pid; 0 for {@link NothingReady}. */
    int pid();

    /** The child is gone: it exited or a signal killed it. */
    sealed interface Terminated extends ChildStatus {
        /** The shell's convention: the exit code, or 128+N for death by signal N. */
        int shellStatus();
    }

    /** Exited with {@code code} (0..255). */
    record Exited(int pid, int code) implements Terminated {
        @Override
        public int shellStatus() {
            return code;
        }
    }

    /** Killed by {@code signal}; {@code coreDumped} when it left a core. */
    record Killed(int pid, int signal, boolean coreDumped) implements Terminated {
        @Override
        public int shellStatus() {
            return 128 + signal;
        }
    }

    /** Stopped by {@code signal} (WSTOPPED/WUNTRACED), or trapped under ptrace. */
    record Stopped(int pid, int signal) implements ChildStatus {}

    /** Resumed by SIGCONT (WCONTINUED). */
    record Continued(int pid) implements ChildStatus {}

    /** WNOHANG and no child has changed state. */
    record NothingReady() implements ChildStatus {
        @Override
        public int pid() {
            return 0;
        }
    }

    NothingReady NOTHING_READY = new NothingReady();

    /** Decodes the {@code int} status of {@code waitpid}/{@code wait4} (the W* macros). */
    static ChildStatus fromWaitStatus(int pid, int status) {
        int low = status & 0x7f;
        if (status == 0xffff) return new Continued(pid);
        if (low == 0) return new Exited(pid, (status >> 8) & 0xff);
        if (low == 0x7f) return new Stopped(pid, (status >> 8) & 0xff);
        return new Killed(pid, low, (status & 0x80) != 0);
    }

    /** Decodes {@code siginfo_t}'s {@code si_code} (CLD_*) and {@code si_status} after waitid. */
    static ChildStatus fromSiginfo(int pid, int code, int status) {
        return switch (code) {
            case 1 -> new Exited(pid, status);                    // CLD_EXITED
            case 2 -> new Killed(pid, status, false);             // CLD_KILLED
            case 3 -> new Killed(pid, status, true);              // CLD_DUMPED
            case 4, 5 -> new Stopped(pid, status);                // CLD_TRAPPED, CLD_STOPPED
            case 6 -> new Continued(pid);                         // CLD_CONTINUED
            default -> throw new IllegalStateException("waitid: unexpected si_code " + code + " for pid " + pid);
        };
    }
}
