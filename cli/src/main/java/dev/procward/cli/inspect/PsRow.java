package dev.procward.cli.inspect;

import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcStatus;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ThreadSample;

/** One line of ps: a process, or one of its threads under {@code -L}. */
public record PsRow(ProcessSnapshot process, ThreadSample thread) {
    public int id() {
        return thread != null ? thread.tid() : process.pid();
    }

    /** The thread's stat under -L, else the process's. */
    public ProcStat stat() {
        return thread != null && thread.stat() != null ? thread.stat() : process.stat();
    }

    public ProcStatus status() {
        return thread != null && thread.status() != null ? thread.status() : process.status();
    }

    public String wchan() {
        return thread != null ? thread.wchan() : process.wchan();
    }
}
