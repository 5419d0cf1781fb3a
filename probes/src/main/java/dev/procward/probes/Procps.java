package dev.procward.probes;

/**
 * How procps derives its display values from /proc, so that procward's ps agrees with it:
 * the STAT letters, the tty name, lifetime %cpu and %mem, and the command shown for kernel
 * threads and zombies.
 */
public final class Procps {
    private Procps() {}

    /**
     * The STAT column: the state letter, then {@code <} (nice &lt; 0) or {@code N} (nice &gt; 0),
     * {@code L} (pages locked), {@code s} (session leader), {@code l} (multi-threaded),
     * {@code +} (in the terminal's foreground process group), in procps's order.
     *
     * @param tgid        the process's thread-group id (a thread's stat carries its own tid)
     * @param lockedKb    status VmLck, or -1 when unknown
     * @param threadCount threads in the whole process
     */
    public static String statFlags(ProcStat stat, int tgid, long lockedKb, int threadCount) {
        StringBuilder sb = new StringBuilder(6).append(stat.state());
        if (stat.nice() < 0) sb.append('<');
        else if (stat.nice() > 0) sb.append('N');
        if (lockedKb > 0) sb.append('L');
        if (stat.session() == tgid) sb.append('s');
        if (threadCount > 1) sb.append('l');
        if (stat.tpgid() != -1 && stat.pgrp() == stat.tpgid()) sb.append('+');
        return sb.toString();
    }

    /** The tty name for stat's tty_nr: "pts/3", "tty1", "ttyS0", "console", or "?" for none. */
    public static String ttyName(int ttyNr) {
        if (ttyNr == 0) return "?";
        int major = (ttyNr >>> 8) & 0xfff;
        int minor = (ttyNr & 0xff) | ((ttyNr >>> 12) & 0xfff00);
        if (major >= 136 && major <= 143) return "pts/" + ((major - 136) * 256 + minor);
        if (major == 4) return minor < 64 ? "tty" + minor : "ttyS" + (minor - 64);
        if (major == 5) {
            return switch (minor) {
                case 0 -> "tty";
                case 1 -> "console";
                case 2 -> "ptmx";
                default -> major + "," + minor;
            };
        }
        return major + "," + minor;
    }

    /** Lifetime average %cpu as procps computes it: cpu time over time since the task started. */
    public static double cpuPercent(ProcStat stat, SystemInfo system) {
        double seconds = system.ageSeconds(stat.startTime());
        if (seconds <= 0) return 0;
        double cpuSeconds = (double) stat.cpuTicks() / system.clockTicks();
        return Math.min(999.9, cpuSeconds * 100.0 / seconds);
    }

    /** %cpu over an interval between two readings of the same task. */
    public static double cpuPercent(ProcStat before, ProcStat after, double elapsedSeconds, int clockTicks) {
        if (elapsedSeconds <= 0 || before.startTime() != after.startTime()) return 0;
        long ticks = Math.max(0, after.cpuTicks() - before.cpuTicks());
        return ticks * 100.0 / clockTicks / elapsedSeconds;
    }

    /** Resident memory as a percentage of MemTotal. */
    public static double memPercent(long rssKb, SystemInfo system) {
        if (system.memTotalKb() <= 0 || rssKb < 0) return 0;
        return rssKb * 100.0 / system.memTotalKb();
    }

    /** Resident size in kB: status VmRSS when read, else stat rss in pages. */
    public static long rssKb(ProcStat stat, ProcStatus status, SystemInfo system) {
        if (status != null && status.vmRss() >= 0) return status.vmRss();
        if (stat != null) return stat.rss() * system.pageSize() / 1024;
        return -1;
    }

    /**
     * The COMMAND (args) column: the command line, or {@code [comm]} when there is none (kernel
     * threads, zombies), with {@code <defunct>} after a zombie.
     */
    public static String args(String comm, Cmdline cmdline, char state) {
        String shown = cmdline == null || cmdline.isEmpty() ? "[" + comm + "]" : cmdline.joined();
        return state == 'Z' ? shown + " <defunct>" : shown;
    }
}
