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

    /**
     * Parses {@code POLICY[:PRIO]}: other, batch, idle, fifo:PRIO, rr:PRIO, and
     * {@code deadline:RUNTIME/DEADLINE/PERIOD} with durations ("10ms/30ms/100ms").
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static SchedPolicy parse(String text) {
        String[] parts = text.strip().split(":", 2);
        String policy = parts[0].toLowerCase(java.util.Locale.ROOT);
        if (policy.startsWith("sched_")) policy = policy.substring(6);
        String arg = parts.length > 1 ? parts[1] : null;
        return switch (policy) {
            case "other", "normal" -> noArg(arg, new Other());
            case "batch" -> noArg(arg, new Batch());
            case "idle" -> noArg(arg, new Idle());
            case "fifo" -> new Fifo(priority(arg));
            case "rr" -> new RoundRobin(priority(arg));
            case "deadline" -> deadline(arg);
            default -> throw new IllegalArgumentException("unknown scheduling policy '" + parts[0] + "' (other, batch, idle, fifo, rr, deadline)");
        };
    }

    /** The policy's name as {@link #parse} reads it. */
    default String label() {
        return switch (this) {
            case Other o -> "other";
            case Batch b -> "batch";
            case Idle i -> "idle";
            case Fifo f -> "fifo:" + f.priority();
            case RoundRobin r -> "rr:" + r.priority();
            case Deadline d -> "deadline:" + d.runtime().toNanos() + "ns/" + d.deadline().toNanos() + "ns/" + d.period().toNanos() + "ns";
        };
    }

    private static SchedPolicy noArg(String arg, SchedPolicy p) {
        if (arg != null && !arg.equals("0")) throw new IllegalArgumentException("policy " + p.label() + " takes no priority");
        return p;
    }

    private static int priority(String arg) {
        if (arg == null) throw new IllegalArgumentException("real-time policies need a priority, e.g. fifo:10");
        try {
            return Integer.parseInt(arg.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a priority: '" + arg + "'");
        }
    }

    private static Deadline deadline(String arg) {
        String[] d = arg == null ? new String[0] : arg.split("/");
        if (d.length != 3) throw new IllegalArgumentException("deadline needs RUNTIME/DEADLINE/PERIOD, e.g. deadline:10ms/30ms/100ms");
        return new Deadline(Durations.parse(d[0]), Durations.parse(d[1]), Durations.parse(d[2]));
    }

    private static void checkRealtime(int priority) {
        if (priority < 1 || priority > 99) throw new IllegalArgumentException("real-time priority must be 1..99, got " + priority);
    }
}
