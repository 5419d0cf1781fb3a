package dev.procward.simulator;

/**
 * The int that wait(2) fills in, encoded as glibc's {@code W*} macros decode it. Kept as an int so
 * that the simulator and the real kernel can be compared bit for bit.
 */
public final class WaitStatus {
    private WaitStatus() {}

    public static final int CONTINUED = 0xffff;

    public static int exited(int code) {
        return (code & 0xff) << 8;
    }

    public static int signaled(int sig, boolean core) {
        return sig | (core ? 0x80 : 0);
    }

    public static int stopped(int sig) {
        return (sig << 8) | 0x7f;
    }

    public static boolean isExited(int status) {
        return (status & 0x7f) == 0;
    }

    public static boolean isSignaled(int status) {
        return ((status & 0x7f) + 1) >> 1 > 0 && (status & 0x7f) != 0x7f;
    }

    public static boolean isStopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    public static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static boolean coreDumped(int status) {
        return (status & 0x80) != 0;
    }

    /** Human form used in timelines and in the differential trajectories: "exited 3", "killed TERM". */
    public static String describe(int status) {
        if (status == CONTINUED) return "continued";
        if (isStopped(status)) return "stopped " + Signal.name((status >> 8) & 0xff);
        if (isExited(status)) return "exited " + exitCode(status);
        return "killed " + Signal.name(termSignal(status)) + (coreDumped(status) ? " (core)" : "");
    }
}
