package dev.procward.supervisor;

import dev.procward.libc.Signal;

/**
 * Linux signal numbers as plain ints for the loop (the same on x86_64 and aarch64); names and
 * parsing come from {@link Signal}.
 */
public final class SignalNames {
    private SignalNames() {}

    public static final int HUP = 1, INT = 2, QUIT = 3, KILL = 9, USR1 = 10, USR2 = 12, PIPE = 13, TERM = 15,
            CHLD = 17, CONT = 18, STOP = 19, TSTP = 20, TTIN = 21, TTOU = 22, WINCH = 28;

    /** "TERM" for 15, "RTMIN+2" for 36. */
    public static String name(int signal) {
        String n = Signal.nameOf(signal);
        return n.startsWith("SIG") ? n.substring(3) : n;
    }
}
