package dev.procward.supervisor;

import java.time.Duration;

/**
 * A scheduling policy as {@code sched_setattr} takes it. Priorities apply to the real-time
 * policies (1..99); the deadline policy takes runtime &le; deadline &le; period.
 */
public sealed interface SchedPolicy {

    /** The kernel's policy number (SCHED_OTHER=0, FIFO=1, RR=2, BATCH=3, IDLE=5, DEADLINE=6). */
    int number();

    record Other() implements SchedPolicy { public int number() { return 0; } }

    record Batch() implements SchedPolicy { public int number() { return 3; } }

    record Idle() implements SchedPolicy { public int number() { return 5; } }

    record Fifo(int priority) implements SchedPolicy {
        public Fifo { checkRealtime(priority); }
        public int number() { return 1; }
    }

    record RoundRobin(int priority) implements SchedPolicy {
        public RoundRobin { checkRealtime(priority); }
        public int number() { return 2; }
    }

    record Deadline(Duration runtime, Duration deadline, Duration period) implements SchedPolicy {
        public Deadline {
            if (runtime.isNegative() || runtime.isZero() || runtime.compareTo(deadline) > 0 || deadline.compareTo(period) > 0)
                throw new IllegalArgumentException("deadline needs 0 < runtime <= deadline <= period");
        }
        public int number() { return 6; }
    }

    private static void checkRealtime(int priority) {
        if (priority < 1 || priority > 99) throw new IllegalArgumentException("real-time priority must be 1..99, got " + priority);
    }
}
