package dev.procward.probes;

import java.util.List;

/**
 * One process as read at one moment. Every component except {@code pid} and {@code gaps} is null
 * when it was not requested or could not be read; a requested component that could not be read has
 * a {@link Gap} naming it.
 *
 * @param pid        the pid directory's name in the root
 * @param stat       {@link Field#STAT}
 * @param status     {@link Field#STATUS}
 * @param cmdline    {@link Field#CMDLINE} (empty, not null, for kernel threads and zombies)
 * @param statm      {@link Field#STATM}
 * @param memory     {@link Field#SMAPS_ROLLUP}
 * @param wchan      {@link Field#WCHAN}: the symbol, "0" or "" when running
 * @param namespaces {@link Field#NAMESPACES}
 * @param gaps       what could not be read, and why
 */
public record ProcessSnapshot(int pid, ProcStat stat, ProcStatus status, Cmdline cmdline, Statm statm,
                              SmapsRollup memory, String wchan, Namespaces namespaces, List<Gap> gaps)
        implements TaskFiles {
    public ProcessSnapshot {
        gaps = List.copyOf(gaps);
    }

    /** The parent pid, or -1 when neither stat nor status was read. */
    public int ppid() {
        if (stat != null) return stat.ppid();
        if (status != null) return status.ppid();
        return -1;
    }

    /** The effective uid, or -1 when status was not read. */
    public int euid() {
        return status == null ? -1 : status.uids().effective();
    }

    public int realUid() {
        return status == null ? -1 : status.uids().real();
    }

    public boolean hasGap(String source) {
        for (Gap g : gaps) if (g.source().equals(source)) return true;
        return false;
    }

    public boolean vanished() {
        for (Gap g : gaps) if (g.reason() == Gap.Reason.VANISHED) return true;
        return false;
    }
}
