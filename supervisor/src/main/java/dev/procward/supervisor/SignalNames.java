package dev.procward.supervisor;

import java.util.Locale;
import java.util.OptionalInt;

/** Linux signal numbers (the same on x86_64 and aarch64) and their names, as users type them. */
public final class SignalNames {
    private SignalNames() {}

    public static final int HUP = 1, INT = 2, QUIT = 3, ILL = 4, TRAP = 5, ABRT = 6, BUS = 7, FPE = 8, KILL = 9,
            USR1 = 10, SEGV = 11, USR2 = 12, PIPE = 13, ALRM = 14, TERM = 15, STKFLT = 16, CHLD = 17, CONT = 18,
            STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, URG = 23, XCPU = 24, XFSZ = 25, VTALRM = 26, PROF = 27,
            WINCH = 28, IO = 29, PWR = 30, SYS = 31;

    /** The highest signal number (SIGRTMAX on Linux). */
    public static final int MAX = 64;

    private static final String[] NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
            "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
            "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    /** "TERM" for 15, "RTMIN+2" for 36, the number itself when it has no name. */
    public static String name(int signal) {
        if (signal > 0 && signal < NAMES.length) return NAMES[signal];
        if (signal >= 34 && signal <= MAX) return signal == 34 ? "RTMIN" : signal == MAX ? "RTMAX" : "RTMIN+" + (signal - 34);
        return Integer.toString(signal);
    }

    /** Parses "SIGTERM", "TERM", "term" or "15"; empty when it names no signal. */
    public static OptionalInt parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("SIG")) t = t.substring(3);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(t);
                return n >= 1 && n <= MAX ? OptionalInt.of(n) : OptionalInt.empty();
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        for (int i = 1; i < NAMES.length; i++) if (NAMES[i].equals(t)) return OptionalInt.of(i);
        if (t.equals("IOT")) return OptionalInt.of(ABRT);
        if (t.equals("POLL")) return OptionalInt.of(IO);
        if (t.equals("RTMIN")) return OptionalInt.of(34);
        if (t.equals("RTMAX")) return OptionalInt.of(MAX);
        return OptionalInt.empty();
    }
}
