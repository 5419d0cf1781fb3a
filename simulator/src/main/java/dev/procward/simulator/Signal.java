package dev.procward.simulator;

/**
 * The kernel's default action for each Linux signal, as in {@code kernel/signal.c} ({@code SIG_KERNEL_*_MASK}).
 */
public final class Signal {
    private Signal() {}

    public static final int HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8,
            KILL = 9, USR1 = 10, SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15, STKFLT = 16,
            CHLD = 17, CONT = 18, STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, URG = 23, XCPU = 24,
            XFSZ = 25, VTALRM = 26, PROF = 27, WINCH = 28, IO = 29, PWR = 30, SYS = 31;
    public static final int RTMIN = 34, MAX = 64;

    /** What the kernel does with a signal whose handler is SIG_DFL. */
    public enum DefaultAction { TERMINATE, CORE, STOP, CONTINUE, IGNORE }

    public static boolean valid(int sig) {
        return sig >= 1 && sig <= MAX;
    }

    public static DefaultAction defaultAction(int sig) {
        return switch (sig) {
            case QUIT, ILL, TRAP, ABRT, BUS, FPE, SEGV, XCPU, XFSZ, SYS -> DefaultAction.CORE;
            case STOP, TSTP, TTIN, TTOU -> DefaultAction.STOP;
            case CONT -> DefaultAction.CONTINUE;
            case CHLD, URG, WINCH -> DefaultAction.IGNORE;
            default -> DefaultAction.TERMINATE;
        };
    }

    /** SIGKILL and SIGSTOP: cannot be caught, blocked or ignored. */
    public static boolean kernelOnly(int sig) {
        return sig == KILL || sig == STOP;
    }

    public static boolean isStop(int sig) {
        return defaultAction(sig) == DefaultAction.STOP;
    }

    /** Ignored by default: the default action of CONT is "ignore" once its resume side effect is done. */
    public static boolean kernelIgnored(int sig) {
        DefaultAction a = defaultAction(sig);
        return a == DefaultAction.IGNORE || a == DefaultAction.CONTINUE;
    }

    /** Dequeued before the others, as {@code SYNCHRONOUS_MASK} in the kernel. */
    public static boolean synchronous(int sig) {
        return sig == SEGV || sig == BUS || sig == ILL || sig == TRAP || sig == FPE || sig == SYS;
    }

    /** Core-dumping signals skip complete_signal's fast path: the dump happens as the task dequeues them. */
    public static boolean synchronousCore(int sig) {
        return defaultAction(sig) == DefaultAction.CORE;
    }

    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** "TERM", "RTMIN+2": the name without its SIG prefix. */
    public static String name(int sig) {
        String n = dev.procward.libc.Signal.nameOf(sig);
        return n.startsWith("SIG") ? n.substring(3) : n;
    }

    /** Parses {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
    public static int parse(String text) {
        return dev.procward.libc.Signal.parse(text);
    }
}
