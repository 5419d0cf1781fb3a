package dev.procward.supervisor;

import dev.procward.libc.ErrnoException;
import dev.procward.libc.Scheduling;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and changes a running thread's scheduling policy, priority and nice value through
 * {@code sched_getattr}/{@code sched_setattr} ({@code procward sched}, and {@code --sched} of init).
 */
public final class ProcessScheduling {
    private ProcessScheduling() {}

    /** One thread's scheduling, as sched_getattr reports it. */
    public record State(int tid, SchedPolicy policy, int nice, boolean resetOnFork) {}

    /** @throws KernelException ESRCH when the thread is gone, EPERM when not allowed */
    public static State show(int tid) throws KernelException {
        try {
            Scheduling.SchedAttr a = Scheduling.getAttr(tid);
            return new State(tid, fromAttr(a), a.nice(), (a.flags() & Scheduling.FLAG_RESET_ON_FORK) != 0);
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    /** Sets {@code policy} (with {@code nice} for OTHER and BATCH) on one thread. */
    public static void apply(int tid, SchedPolicy policy, int nice, boolean resetOnFork) throws KernelException {
        Scheduling.SchedAttr a = toAttr(policy, nice);
        if (resetOnFork) {
            a = new Scheduling.SchedAttr(a.policy(), a.flags() | Scheduling.FLAG_RESET_ON_FORK, a.nice(), a.priority(),
                    a.runtime(), a.deadline(), a.period());
        }
        try {
            Scheduling.setAttr(tid, a);
        } catch (ErrnoException e) {
            throw new KernelException(e.errnoName(), e.getMessage());
        }
    }

    /** The thread ids of process {@code pid} (its /proc/PID/task entries); just {@code pid} when unreadable. */
    public static List<Integer> tasks(int pid) {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path p : dir) out.add(Integer.parseInt(p.getFileName().toString()));
        } catch (IOException | NumberFormatException e) {
            out.add(pid);
        }
        out.sort(null);
        return out;
    }

    static Scheduling.SchedAttr toAttr(SchedPolicy policy, int nice) {
        return switch (policy) {
            case SchedPolicy.Other o -> Scheduling.SchedAttr.other(nice);
            case SchedPolicy.Batch b -> Scheduling.SchedAttr.batch(nice);
            case SchedPolicy.Idle i -> Scheduling.SchedAttr.idle();
            case SchedPolicy.Fifo f -> Scheduling.SchedAttr.fifo(f.priority());
            case SchedPolicy.RoundRobin r -> Scheduling.SchedAttr.roundRobin(r.priority());
            case SchedPolicy.Deadline d -> Scheduling.SchedAttr.deadline(d.runtime().toNanos(), d.deadline().toNanos(), d.period().toNanos());
        };
    }

    static SchedPolicy fromAttr(Scheduling.SchedAttr a) {
        return switch (a.policy()) {
            case OTHER -> new SchedPolicy.Other();
            case BATCH -> new SchedPolicy.Batch();
            case IDLE -> new SchedPolicy.Idle();
            case FIFO -> new SchedPolicy.Fifo(a.priority());
            case RR -> new SchedPolicy.RoundRobin(a.priority());
            case DEADLINE -> new SchedPolicy.Deadline(Duration.ofNanos(a.runtime()), Duration.ofNanos(a.deadline()), Duration.ofNanos(a.period()));
        };
    }
}
