package dev.procward.probes.diag;

import java.util.function.IntConsumer;

/**
 * Kept {@code stat} descriptors by thread id, in flat int arrays (open addressing, linear probing):
 * a sweep looks up every thread in it, so a lookup must neither box nor allocate.
 *
 * <p>Concurrency is by phase, not by lock: while a sweep's workers run, they only call
 * {@link #find} and {@link #fd}; every change, {@link #see} included, is made on one thread after
 * the workers have been joined, which orders it before and after their reads. A slot stays put
 * until the next {@link #put}, {@link #remove} or {@link #removeUnseen}.
 */
final class TidTable {
    private static final int EMPTY = 0; // tids are positive

    private int[] tids;
    private int[] fds;
    private int[] seen;
    private int size;

    TidTable() {
        allocate(64);
    }

    private void allocate(int slots) {
        tids = new int[slots];
        fds = new int[slots];
        seen = new int[slots];
    }

    int size() {
        return size;
    }

    /** The tid's slot, or -1. */
    int find(int tid) {
        int mask = tids.length - 1;
        for (int i = home(tid, mask); ; i = (i + 1) & mask) {
            int t = tids[i];
            if (t == tid) return i;
            if (t == EMPTY) return -1;
        }
    }

    int fd(int slot) {
        return fds[slot];
    }

    /** Marks the slot's thread as listed by sweep {@code sweepNo}. */
    void see(int slot, int sweepNo) {
        seen[slot] = sweepNo;
    }

    /** Adds a thread's descriptor; false (and nothing changes) when the tid already has one. */
    boolean put(int tid, int fd, int sweepNo) {
        if (tid <= 0) throw new IllegalArgumentException("tid " + tid);
        if (find(tid) >= 0) return false;
        if (2 * (size + 1) > tids.length) grow(); // at most half full: probes stay short
        insertNew(tid, fd, sweepNo);
        return true;
    }

    /** Removes the tid if its descriptor is {@code fd}; true when it did. */
    boolean remove(int tid, int fd) {
        int slot = find(tid);
        if (slot < 0 || fds[slot] != fd) return false;
        removeAt(slot);
        return true;
    }

    /** Removes every thread that sweep {@code sweepNo} did not see, handing its descriptor to {@code close}. */
    void removeUnseen(int sweepNo, IntConsumer close) {
        int gone = 0;
        for (int i = 0; i < tids.length; i++) if (tids[i] != EMPTY && seen[i] != sweepNo) gone++;
        if (gone == 0) return;
        // Rebuilt rather than removed in place: a removal shifts later entries back across the scan.
        int[] oldTids = tids, oldFds = fds, oldSeen = seen;
        allocate(tids.length);
        size = 0;
        for (int i = 0; i < oldTids.length; i++) {
            if (oldTids[i] == EMPTY) continue;
            if (oldSeen[i] == sweepNo) insertNew(oldTids[i], oldFds[i], oldSeen[i]);
            else close.accept(oldFds[i]);
        }
    }

    private void grow() {
        int[] oldTids = tids, oldFds = fds, oldSeen = seen;
        allocate(tids.length * 2);
        size = 0;
        for (int i = 0; i < oldTids.length; i++) {
            if (oldTids[i] != EMPTY) insertNew(oldTids[i], oldFds[i], oldSeen[i]);
        }
    }

    private void insertNew(int tid, int fd, int sweepNo) {
        int mask = tids.length - 1;
        int i = home(tid, mask);
        while (tids[i] != EMPTY) i = (i + 1) & mask;
        tids[i] = tid;
        fds[i] = fd;
        seen[i] = sweepNo;
        size++;
    }

    /** Backward-shift deletion: the entries after the hole that may fill it move back, so no tombstones. */
    private void removeAt(int slot) {
        int mask = tids.length - 1;
        int hole = slot;
        for (int j = (slot + 1) & mask; tids[j] != EMPTY; j = (j + 1) & mask) {
            int h = home(tids[j], mask);
            // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (stays) continue;
            tids[hole] = tids[j];
            fds[hole] = fds[j];
            seen[hole] = seen[j];
            hole = j;
        }
        tids[hole] = EMPTY;
        size--;
    }

    /** Consecutive tids spread over the table (Fibonacci hashing, high bits folded into low). */
    private static int home(int tid, int mask) {
        int h = tid * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
