package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/**
 * Scheduling policy and niceness: {@code sched_setattr}/{@code sched_getattr} (raw syscalls:
 * glibc 2.36 has no wrapper) and {@code setpriority}/{@code getpriority}.
 *
 * <p>These act on one <em>thread</em>: {@code pid} is a thread id, and 0 means the calling thread,
 * not the process. For another process, its pid names its main thread.
 */
public final class Scheduling {

    private Scheduling() {}

    /** The kernel's scheduling policies. */
    public enum Policy {
        OTHER(0), FIFO(1), RR(2), BATCH(3), IDLE(5), DEADLINE(6);

        final int value;

        Policy(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }

        static Policy of(int value) {
            for (Policy p : values()) if (p.value == value) return p;
            throw new IllegalStateException("unknown scheduling policy " + value);
        }
    }

    /** {@code struct sched_attr} (SCHED_ATTR_SIZE_VER1 = 56; VER0 = 48 ends before util_min). */
    static final long SCHED_ATTR_BYTES = 56;
    static final long SCHED_ATTR_VER0 = 48;
    static final long SA_SIZE = 0;
    static final long SA_POLICY = 4;
    static final long SA_FLAGS = 8;
    static final long SA_NICE = 16;
    static final long SA_PRIORITY = 20;
    static final long SA_RUNTIME = 24;
    static final long SA_DEADLINE = 32;
    static final long SA_PERIOD = 40;

    /** SCHED_FLAG_RESET_ON_FORK: children start back at OTHER / nice 0. */
    public static final long FLAG_RESET_ON_FORK = 0x01;

    /**
     * What {@code sched_attr} carries.
     *
     * @param nice     -20..19, for OTHER and BATCH
     * @param priority 1..99 for FIFO and RR, else 0
     * @param runtime  DEADLINE: nanoseconds of CPU per period; deadline and period likewise in ns
     */
    public record SchedAttr(Policy policy, long flags, int nice, int priority, long runtime, long deadline, long period) {

        public static SchedAttr other(int nice) {
            return new SchedAttr(Policy.OTHER, 0, nice, 0, 0, 0, 0);
        }

        public static SchedAttr batch(int nice) {
            return new SchedAttr(Policy.BATCH, 0, nice, 0, 0, 0, 0);
        }

        public static SchedAttr idle() {
            return new SchedAttr(Policy.IDLE, 0, 0, 0, 0, 0, 0);
        }

        public static SchedAttr fifo(int priority) {
            return new SchedAttr(Policy.FIFO, 0, 0, priority, 0, 0, 0);
        }

        public static SchedAttr roundRobin(int priority) {
            return new SchedAttr(Policy.RR, 0, 0, priority, 0, 0, 0);
        }

        /** runtime <= deadline <= period, all in nanoseconds (at least 1024 ns). */
        public static SchedAttr deadline(long runtime, long deadline, long period) {
            return new SchedAttr(Policy.DEADLINE, 0, 0, 0, runtime, deadline, period);
        }
    }

    /** sched_setattr(pid, attr, 0). EPERM for FIFO/RR/DEADLINE without CAP_SYS_NICE. */
    public static void setAttr(int pid, SchedAttr attr) {
        CallState cs = CallState.current();
        MemorySegment s = cs.zeroedScratch(SCHED_ATTR_BYTES);
        s.set(JAVA_INT, SA_SIZE, (int) SCHED_ATTR_VER0);
        s.set(JAVA_INT, SA_POLICY, attr.policy().value);
        s.set(JAVA_LONG, SA_FLAGS, attr.flags());
        s.set(JAVA_INT, SA_NICE, attr.nice());
        s.set(JAVA_INT, SA_PRIORITY, attr.priority());
        s.set(JAVA_LONG, SA_RUNTIME, attr.runtime());
        s.set(JAVA_LONG, SA_DEADLINE, attr.deadline());
        s.set(JAVA_LONG, SA_PERIOD, attr.period());
        long r = Syscall.raw(cs, Sys.SCHED_SETATTR, pid, s.address(), 0, 0, 0, 0);
        if (r == -1) throw cs.failure("sched_setattr", pid + ", " + attr.policy());
    }

    /** sched_getattr(pid, attr, sizeof attr, 0). */
    public static SchedAttr getAttr(int pid) {
        CallState cs = CallState.current();
        MemorySegment s = cs.zeroedScratch(SCHED_ATTR_BYTES);
        long r = Syscall.raw(cs, Sys.SCHED_GETATTR, pid, s.address(), SCHED_ATTR_BYTES, 0, 0, 0);
        if (r == -1) throw cs.failure("sched_getattr", pid);
        return new SchedAttr(Policy.of(s.get(JAVA_INT, SA_POLICY)), s.get(JAVA_LONG, SA_FLAGS), s.get(JAVA_INT, SA_NICE),
                s.get(JAVA_INT, SA_PRIORITY), s.get(JAVA_LONG, SA_RUNTIME), s.get(JAVA_LONG, SA_DEADLINE),
                s.get(JAVA_LONG, SA_PERIOD));
    }

    /** Whose niceness {@link #setPriority}/{@link #getPriority} address. */
    public enum Which {
        PROCESS(0), PROCESS_GROUP(1), USER(2);

        final int value;

        Which(int value) {
            this.value = value;
        }
    }

    /** setpriority(which, who, nice): nice -20..19; lowering it needs CAP_SYS_NICE (EACCES). */
    public static void setPriority(Which which, int who, int nice) {
        Syscall.call(Sys.SETPRIORITY, () -> which + ", " + who + ", " + nice, which.value, who, nice);
    }

    /**
     * getpriority(which, who): the nice value. The raw syscall returns {@code 20 - nice} (so that
     * success is never negative); glibc converts the same way.
     */
    public static int getPriority(Which which, int who) {
        return 20 - (int) Syscall.call(Sys.GETPRIORITY, () -> which + ", " + who, which.value, who);
    }
}
