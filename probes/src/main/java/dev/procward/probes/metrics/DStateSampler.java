package dev.procward.probes.metrics;

import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.diag.ThreadActivity;
import dev.procward.probes.kernel.SyscallTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One D-state sample for the exporter, taken by the same sweep as {@code procward stuck}
 * ({@link StuckSampler}: stat of every thread, details only for the ones in D). Reading
 * {@code wchan} and {@code syscall} of another user's thread needs CAP_SYS_PTRACE; without it
 * they are "unknown". Not thread-safe: one per sampling thread, like the sweep it wraps.
 */
public final class DStateSampler {

    public static final String UNKNOWN = "unknown";

    private final StuckSampler sweep;

    public DStateSampler(Path procRoot) {
        this.sweep = new StuckSampler(procRoot, StuckSampler.UNINTERRUPTIBLE, false, -1, SyscallTable.host());
    }

    public List<DStateTally.Observation> sample() {
        List<DStateTally.Observation> out = new ArrayList<>();
        for (ThreadActivity t : sweep.sweep().active()) {
            out.add(new DStateTally.Observation(known(t.wchan()), known(t.syscall())));
        }
        return out;
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.equals("-") || value.equals("[unreadable]") ? UNKNOWN : value;
    }
}
