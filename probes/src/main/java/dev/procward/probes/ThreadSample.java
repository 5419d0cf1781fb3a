package dev.procward.probes;

import java.util.List;

/**
 * One thread ({@code /proc/PID/task/TID}) at one moment. Components are null when not requested
 * or not readable, exactly as in {@link ProcessSnapshot}.
 *
 * @param tgid the process (thread-group) id
 * @param tid  the thread id
 */
public record ThreadSample(int tgid, int tid, ProcStat stat, ProcStatus status, String wchan, List<Gap> gaps)
        implements TaskFiles {
    public ThreadSample {
        gaps = List.copyOf(gaps);
    }
}
