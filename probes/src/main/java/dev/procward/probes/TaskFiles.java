package dev.procward.probes;

/** What a process snapshot and a thread sample share: their stat and status, and names from them. */
public interface TaskFiles {
    /** Null when not requested or not readable. */
    ProcStat stat();

    /** Null when not requested or not readable. */
    ProcStatus status();

    /** The command name: from stat, else status, else "?". */
    default String comm() {
        if (stat() != null) return stat().comm();
        if (status() != null) return status().name();
        return "?";
    }

    /** The one-letter state, or '?' when unknown. */
    default char state() {
        if (stat() != null) return stat().state();
        if (status() != null) return status().state();
        return '?';
    }
}
