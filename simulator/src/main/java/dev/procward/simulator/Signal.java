package dev.procward.simulator;

import java.util.Locale;

/**
 * Linux signal numbers (x86_64 and aarch64 agree on 1..31) and the kernel's default action for
 * each, as in {@code kernel/signal.c} ({@code SIG_KERNEL_*_MASK}).
 */
public final class Signal {
    private Signal() {}

    public static final int HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8,
            KILL = 9, USR1 = 10, SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15, STKFLT = 16,
            CHLD = 17, CONT = 18, STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, URG = 23, XCPU = 24,
            XFSZ = 25, VTALRM = 26, PROF = 27, WINCH = 28, IO = 29, PWR = 30, SYS = 31;
    public static final int RTMIN = 34, MAX = 64;

    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

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

    public static String name(int sig) {
        if (sig >= 1 && sig < NAMES.length) return NAMES[sig];
        if (sig == 32 || sig == 33) return String.valueOf(sig);
        if (sig >= RTMIN && sig <= MAX) return sig == RTMIN ? "RTMIN" : "RTMIN+" + (sig - RTMIN);
        return String.valueOf(sig);
    }

    /** Parses {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
    public static int parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIG")) s = s.substring(3);
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 0 && n <= MAX) return n;
        }
        for (int i = 1; i < NAMES.length; i++) if (NAMES[i].equals(s)) return i;
        if (s.equals("IOT")) return ABRT;
        if (s.equals("POLL")) return IO;
        if (s.equals("CLD")) return CHLD;
        if (s.startsWith("RTMIN")) {
            int off = s.length() == 5 ? 0 : Integer.parseInt(s.substring(6));
            if (RTMIN + off <= MAX) return RTMIN + off;
        }
        throw new IllegalArgumentException("unknown signal: " + text);
    }
}
