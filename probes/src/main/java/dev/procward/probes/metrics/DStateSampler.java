package dev.procward.probes.metrics;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.ThreadSample;
import dev.procward.probes.kernel.SyscallTable;
import dev.procward.probes.kernel.ThreadSyscall;
import dev.procward.probes.kernel.Wchan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * One D-state sample of a /proc root: every thread in uninterruptible sleep, with its wait
 * channel and system call. A single-threaded process's {@code stat} already is its thread's, so
 * only multi-threaded processes cost a walk of {@code task/}. Reading {@code wchan} and
 * {@code syscall} of another user's thread needs CAP_SYS_PTRACE; without it they are "unknown".
 */
public final class DStateSampler {

    public static final String UNKNOWN = "unknown";

    private final Path procRoot;
    private final SyscallTable syscalls = SyscallTable.host();

    public DStateSampler(Path procRoot) {
        this.procRoot = procRoot;
    }

    public List<DStateTally.Observation> sample() {
        List<DStateTally.Observation> out = new ArrayList<>();
        for (ProcessSnapshot p : Snapshotter.take(procRoot, EnumSet.of(Field.STAT)).processes()) {
            if (p.stat() == null) {
                continue;
            }
            if (p.stat().numThreads() <= 1) {
                if (p.state() == 'D') {
                    out.add(observe(p.pid(), p.pid()));
                }
                continue;
            }
            for (ThreadSample t : Snapshotter.threads(procRoot, p.pid(), EnumSet.of(Field.STAT))) {
                if (t.state() == 'D') {
                    out.add(observe(p.pid(), t.tid()));
                }
            }
        }
        return out;
    }

    private DStateTally.Observation observe(int pid, int tid) {
        String wchan = Wchan.read(procRoot, pid, tid).orElse(Optional.empty()).orElse(UNKNOWN);
        String syscall = switch (ThreadSyscall.read(procRoot, pid, tid).orElse(null)) {
            case ThreadSyscall.InSyscall s -> syscalls.nameOrNumber(s.number());
            case ThreadSyscall.NotInSyscall n -> "none";
            case ThreadSyscall.Running r -> "running";
            case null -> UNKNOWN;
        };
        return new DStateTally.Observation(wchan, syscall);
    }
}
