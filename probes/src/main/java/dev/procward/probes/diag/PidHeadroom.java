package dev.procward.probes.diag;

import dev.procward.probes.kernel.CgroupResources;

/**
 * How many more tasks can be created. Every thread and every zombie holds a pid until it is
 * reaped, so both limits count tasks, not processes.
 *
 * @param processes  processes in the root (zombies included)
 * @param tasks      threads of all processes (a zombie holds one)
 * @param pidMax     {@code kernel.pid_max}, -1 when unreadable
 * @param cgroupPids the cgroup's {@code pids.current} against {@code pids.max}; null without a pids controller
 */
public record PidHeadroom(int processes, long tasks, long pidMax, CgroupResources.Counter cgroupPids) {

    /** The tighter of the two limits as a fraction used, in [0,1]; 0 when neither is known. */
    public double worstFraction() {
        double f = pidMax > 0 ? (double) tasks / pidMax : 0;
        if (cgroupPids != null && cgroupPids.max() != null) f = Math.max(f, cgroupPids.fraction());
        return f;
    }
}
