package dev.procward.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * Pid numbers handed out as Linux's {@code alloc_pid} does: cyclically from a cursor, below
 * {@code pid_max}, wrapping to {@code RESERVED_PIDS} (300) once the cursor has passed it, and
 * EAGAIN when the range is full. A number stays taken while any task uses it as pid, thread id,
 * process group or session id (the kernel frees a {@code struct pid} only when nothing refers to it).
 */
final class PidAllocator {
    static final int RESERVED_PIDS = 300;
    static final int PID_MAX_MIN = RESERVED_PIDS + 1;
    static final int PID_MAX_LIMIT = 4 * 1024 * 1024;

    private final Map<Integer, Integer> references = new HashMap<>();
    private int pidMax;
    /** The kernel's {@code idr_next}: one past the last pid handed out. */
    private int cursor;

    PidAllocator(int pidMax) {
        setPidMax(pidMax);
    }

    int pidMax() {
        return pidMax;
    }

    void setPidMax(int pidMax) {
        if (pidMax < PID_MAX_MIN || pidMax > PID_MAX_LIMIT) {
            throw new IllegalArgumentException("pid_max must lie in [" + PID_MAX_MIN + ", " + PID_MAX_LIMIT + "]: " + pidMax);
        }
        this.pidMax = pidMax;
    }

    /** The next free number, or -1 when every number in range is taken (the kernel's ENOSPC). */
    int allocate() {
        int min = cursor > RESERVED_PIDS ? RESERVED_PIDS : 1;
        int start = Math.max(cursor, min);
        int found = scan(start, pidMax - 1);
        if (found < 0 && start > min) found = scan(min, pidMax - 1);
        if (found < 0) return -1;
        cursor = found + 1;
        references.merge(found, 1, Integer::sum);
        return found;
    }

    private int scan(int from, int to) {
        for (int n = from; n <= to; n++) if (!references.containsKey(n)) return n;
        return -1;
    }

    void reference(int nr) {
        references.merge(nr, 1, Integer::sum);
    }

    void release(int nr) {
        references.computeIfPresent(nr, (k, v) -> v == 1 ? null : v - 1);
    }

    int inUse() {
        return references.size();
    }

    /** The value /proc/sys/kernel/ns_last_pid shows. */
    int lastPid() {
        return cursor - 1;
    }
}
