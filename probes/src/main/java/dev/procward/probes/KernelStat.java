package dev.procward.probes;

/**
 * The global {@code /proc/stat}: boot time and the aggregate CPU line.
 *
 * @param bootTime     btime, seconds since the epoch
 * @param cpuTicks     sum of the "cpu" line's fields (user … steal), clock ticks
 * @param cpuCount     number of "cpuN" lines
 * @param procsRunning procs_running, or -1
 * @param procsBlocked procs_blocked, or -1
 */
public record KernelStat(long bootTime, long cpuTicks, int cpuCount, int procsRunning, int procsBlocked) {
    public static KernelStat parse(String text) {
        if (text == null) throw new ProcParseException("stat", "no text");
        long btime = -1, cpu = 0;
        int cpus = 0, running = -1, blocked = -1;
        for (String line : text.split("\n")) {
            if (line.startsWith("btime ")) btime = Numbers.parseLong(line.substring(6), "stat btime");
            else if (line.startsWith("cpu ")) {
                for (String f : line.substring(4).strip().split("\\s+")) {
                    if (!f.isEmpty()) cpu += Numbers.parseLong(f, 0, f.length(), "stat cpu");
                }
            } else if (line.startsWith("cpu")) cpus++;
            else if (line.startsWith("procs_running ")) running = (int) Numbers.parseLong(line.substring(14), "procs_running");
            else if (line.startsWith("procs_blocked ")) blocked = (int) Numbers.parseLong(line.substring(14), "procs_blocked");
        }
        if (btime < 0) throw new ProcParseException("stat", "no btime");
        return new KernelStat(btime, cpu, cpus, running, blocked);
    }
}
