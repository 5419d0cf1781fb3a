package dev.procward.probes;

import java.nio.charset.StandardCharsets;

/**
 * {@code /proc/PID/stat} (and {@code task/TID/stat}). Field numbers follow proc(5). The command
 * name runs from the first '(' to the LAST ')', since a process may call itself {@code a) (b}.
 * Fields that older kernels do not write are 0.
 *
 * @param pid         field 1
 * @param comm        field 2, without the parentheses
 * @param state       field 3: R S D T t X Z P I W K
 * @param ppid        field 4
 * @param pgrp        field 5
 * @param session     field 6
 * @param ttyNr       field 7: the controlling terminal's device number, 0 for none
 * @param tpgid       field 8: foreground process group of the terminal, -1 for none
 * @param flags       field 9: PF_* flags
 * @param minflt      field 10
 * @param majflt      field 12
 * @param utime       field 14, clock ticks
 * @param stime       field 15, clock ticks
 * @param cutime      field 16
 * @param cstime      field 17
 * @param priority    field 18
 * @param nice        field 19
 * @param numThreads  field 20
 * @param startTime   field 22, clock ticks after boot
 * @param vsize       field 23, bytes
 * @param rss         field 24, pages
 * @param processor   field 39
 * @param rtPriority  field 40
 * @param policy      field 41
 * @param blkioTicks  field 42: aggregated block I/O delay, clock ticks
 * @param exitSignal  field 38
 */
public record ProcStat(int pid, String comm, char state, int ppid, int pgrp, int session, int ttyNr,
                       int tpgid, long flags, long minflt, long majflt, long utime, long stime,
                       long cutime, long cstime, int priority, int nice, int numThreads,
                       long startTime, long vsize, long rss, int processor, int rtPriority,
                       int policy, long blkioTicks, int exitSignal) {

    /** PF_KTHREAD: the task is a kernel thread. */
    public static final long PF_KTHREAD = 0x00200000L;

    public boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }

    public boolean zombie() {
        return state == 'Z';
    }

    /** Total CPU time of the task itself (not its children), in clock ticks. */
    public long cpuTicks() {
        return utime + stime;
    }

    public static ProcStat parse(String text) {
        if (text == null) throw new ProcParseException("stat", "no text");
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, b.length);
    }

    /**
     * Parses the first {@code length} bytes of {@code b} as read from the file, without building
     * a String for anything but the command name: a listing parses thousands of these.
     */
    public static ProcStat parse(byte[] b, int length) {
        int open = indexOf(b, 0, length, '(');
        int close = lastIndexOf(b, length, ')');
        if (open < 1 || close < open) throw new ProcParseException("stat", "no (comm)");
        int pid = (int) Numbers.parseLong(b, 0, open - 1, "stat pid");
        String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
        // Fields 3.. are separated by single spaces after ") "; f is indexed by field number minus one.
        long[] f = new long[52];
        int n = 0;
        char state = 0;
        int i = close + 1;
        while (i < length && n + 3 <= 52) {
            while (i < length && b[i] == ' ') i++;
            if (i >= length || b[i] == '\n') break;
            int start = i;
            while (i < length && b[i] != ' ' && b[i] != '\n') i++;
            int field = n + 3;
            if (field == 3) {
                if (i - start != 1) throw new ProcParseException("stat", "bad state");
                state = (char) (b[start] & 0xff);
            } else {
                f[field - 1] = Numbers.parseLong(b, start, i, "stat field");
            }
            n++;
        }
        if (n + 2 < 24) throw new ProcParseException("stat", "only " + (n + 2) + " fields");
        return new ProcStat(pid, comm, state, (int) f[3], (int) f[4], (int) f[5], (int) f[6], (int) f[7],
                f[8], f[9], f[11], f[13], f[14], f[15], f[16], (int) f[17], (int) f[18], (int) f[19],
                f[21], f[22], f[23], (int) f[38], (int) f[39], (int) f[40], f[41], (int) f[37]);
    }

    /**
     * The state letter of the first {@code length} bytes of a stat file: the byte after the LAST
     * ')' (comm may hold one) and a blank; 0 when there is none. Never throws: samplers test it on
     * every thread before parsing the few that matter.
     */
    public static char stateOf(byte[] b, int length) {
        int close = lastIndexOf(b, length, ')');
        return close >= 0 && close + 2 < length ? (char) (b[close + 2] & 0xff) : 0;
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] b, int to, char c) {
        for (int i = to - 1; i >= 0; i--) if (b[i] == c) return i;
        return -1;
    }
}
