package dev.procward.libc;

import java.util.Locale;

/**
 * The standard Linux signals with their numbers (identical on x86_64 and aarch64), and names for
 * the real-time range.
 *
 * <p>Real-time signals are plain numbers ({@link #RTMIN}..{@link #RTMAX}) rather than constants;
 * {@link #nameOf(int)} and {@link #parse(String)} handle them the way {@code kill -l} writes them.
 */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8),
    SIGKILL(9), SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15),
    SIGSTKFLT(16), SIGCHLD(17), SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22),
    SIGURG(23), SIGXCPU(24), SIGXFSZ(25), SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29),
    SIGPWR(30), SIGSYS(31);

    /**
     * glibc's SIGRTMIN. The kernel's first real-time signal is 32, but glibc keeps 32 and 33 for
     * threads and set*id, so programs (and {@code kill -l}) start the usable range at 34.
     */
    public static final int RTMIN = 34;
    /** The last real-time signal. */
    public static final int RTMAX = 64;
    /** The highest signal number: sets hold 1..MAX. */
    public static final int MAX = 64;

    private static final Signal[] BY_NUMBER = new Signal[32];

    static {
        for (Signal s : values()) BY_NUMBER[s.number] = s;
    }

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The Linux signal number. */
    public int number() {
        return number;
    }

    /** The standard signal with this number, or {@code null} (real-time, or not a signal). */
    public static Signal of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /**
     * The name {@code kill -l} uses: "SIGTERM", "SIGRTMIN+3", "SIGRTMAX-2"; "SIG32"/"SIG33" for
     * glibc's reserved signals and "signal N" outside 1..64.
     */
    public static String nameOf(int number) {
        Signal s = of(number);
        if (s != null) return s.name();
        if (number == RTMIN) return "SIGRTMIN";
        if (number == RTMAX) return "SIGRTMAX";
        if (number > RTMIN && number < RTMAX) {
            return number - RTMIN <= (RTMAX - RTMIN) / 2 ? "SIGRTMIN+" + (number - RTMIN) : "SIGRTMAX-" + (RTMAX - number);
        }
        if (number == 32 || number == 33) return "SIG" + number;
        return "signal " + number;
    }

    /**
     * Reads a signal as users write it: "15", "TERM", "SIGTERM", "sigterm", "RTMIN+2",
     * "SIGRTMAX-1", and the aliases CLD, IOT and POLL.
     *
     * @throws IllegalArgumentException with a one-line message when it is no signal
     */
    public static int parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int n = t.length() > 3 ? -1 : Integer.parseInt(t);
            if (n >= 1 && n <= MAX) return n;
            throw new IllegalArgumentException("not a signal number (1.." + MAX + "): " + text);
        }
        if (t.startsWith("SIG")) t = t.substring(3);
        switch (t) {
            case "CLD": return SIGCHLD.number;
            case "IOT": return SIGABRT.number;
            case "POLL": return SIGIO.number;
            default: break;
        }
        int rt = realtime(t);
        if (rt > 0) return rt;
        for (Signal s : values()) if (s.name().substring(3).equals(t)) return s.number;
        throw new IllegalArgumentException("unknown signal: " + text);
    }

    private static int realtime(String t) {
        int base;
        int sign;
        if (t.startsWith("RTMIN")) {
            base = RTMIN;
            sign = 1;
        } else if (t.startsWith("RTMAX")) {
            base = RTMAX;
            sign = -1;
        } else {
            return 0;
        }
        String rest = t.substring(5);
        if (rest.isEmpty()) return base;
        char op = rest.charAt(0);
        String digits = rest.substring(1);
        if ((op != '+' && op != '-') || digits.isEmpty() || digits.length() > 2
                || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int n = base + (op == '+' ? 1 : -1) * Integer.parseInt(digits);
        boolean inwards = (op == '+') == (sign == 1);
        return inwards && n >= RTMIN && n <= RTMAX ? n : 0;
    }
}
