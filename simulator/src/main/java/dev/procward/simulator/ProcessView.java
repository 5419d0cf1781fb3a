package dev.procward.simulator;

import java.util.List;

/** An immutable look at one process as /proc would show it (simulated, or taken from OSHI). Masks use bit (sig-1). */
public record ProcessView(int pid, int ppid, int pgid, int sid, String comm, List<String> argv, ProcState state,
                          int exitStatus, int threads, List<Integer> threadIds, long blocked, long pending,
                          long ignored, long caught, boolean subreaper, long startTimeNanos, String wchan,
                          long rssKb, long vsizeKb, long cpuTicks, int uid) {}
