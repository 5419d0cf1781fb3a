package dev.procward.probes.diag;

import dev.procward.libc.DirectoryReader;
import dev.procward.libc.Limits;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open {@code task/TID/stat} descriptors kept from sweep to sweep: a /proc file renders afresh
 * on every read from offset 0, so a warm sweep costs one {@code pread} per thread instead of
 * {@code openat}, {@code read} and {@code close}. A descriptor stays bound to its thread: once
 * the thread has gone its reads fail (ESRCH) even if the tid is reused, and it is reopened.
 * Bounded by {@link #statFdCapacity()}; threads beyond that are read the cold way.
 *
 * <p>A sweep's chunks only read the table; the slots they read, the descriptors they open and
 * those they find stale they note in their {@link Changes}, and {@link #endSweep} applies that on
 * one thread. The only shared write, per descriptor opened, is the process-wide count.
 */
final class StatFds {
    /**
     * Descriptors kept by every sampler of this process: the limit is the process's, so two
     * samplers that keep must share it (each taking all of it would make the other's opens
     * fail with EMFILE, and those threads would go unseen).
     */
    private static final AtomicInteger KEPT_IN_PROCESS = new AtomicInteger();
    private static final int CAPACITY = statFdCapacity();

    /** Descriptors left to the rest of the process: its class path, the details a sweep reads, a server's sockets. */
    private static final int RESERVED_FDS = 1024;
    private static final int MAX_KEPT_FDS = 65_536;

    private final TidTable kept = new TidTable();

    /** Reads the thread's stat into the reader: the length, or a negative number when it is gone. */
    int read(DirectoryReader reader, int rootFd, int pid, int tid, StringBuilder path, Changes changes) {
        int slot = kept.find(tid);
        if (slot >= 0) {
            int fd = kept.fd(slot);
            int n = reader.reread(fd);
            if (n > 0) {
                changes.seenSlots[changes.seen++] = slot;
                return n;
            }
            changes.stale.add(tid, fd); // the thread has gone (the tid may name a new one): closed after the sweep
        }
        statPath(path, pid, tid);
        if (KEPT_IN_PROCESS.incrementAndGet() > CAPACITY) {
            KEPT_IN_PROCESS.decrementAndGet();
            return reader.read(rootFd, path); // no room: the cold way
        }
        int fd = reader.openFile(rootFd, path);
        if (fd < 0) {
            KEPT_IN_PROCESS.decrementAndGet();
            return fd;
        }
        int n = reader.reread(fd);
        if (n > 0) changes.opened.add(tid, fd);
        else release(reader, fd);
        return n;
    }

    private static void release(DirectoryReader reader, int fd) {
        reader.close(fd);
        KEPT_IN_PROCESS.decrementAndGet();
    }

    /**
     * After the chunks: closes the stale descriptors, keeps the new ones (a tid listed twice,
     * its number reused between two listings, keeps one), and closes the descriptors of threads
     * the sweep did not list (they have exited).
     */
    void endSweep(List<Changes> scans, int sweepNo) {
        if (kept.size() == 0 && scans.stream().allMatch(sc -> sc.opened.size() == 0)) return;
        for (Changes sc : scans) {
            for (int i = 0; i < sc.seen; i++) kept.see(sc.seenSlots[i], sweepNo); // before any change moves a slot
        }
        try (var r = new DirectoryReader(256)) {
            for (Changes sc : scans) {
                for (int i = 0; i < sc.stale.size(); i++) {
                    if (kept.remove(sc.stale.first(i), sc.stale.second(i))) release(r, sc.stale.second(i));
                }
            }
            for (Changes sc : scans) {
                for (int i = 0; i < sc.opened.size(); i++) {
                    if (!kept.put(sc.opened.first(i), sc.opened.second(i), sweepNo)) release(r, sc.opened.second(i));
                }
            }
            kept.removeUnseen(sweepNo, fd -> release(r, fd));
        }
    }

    void closeAll() {
        if (kept.size() == 0) return;
        try (var r = new DirectoryReader(256)) {
            kept.removeUnseen(Integer.MIN_VALUE, fd -> release(r, fd));
        }
    }

    /**
     * What one chunk of a sweep did to the table: (tid, fd) of the descriptors it opened and of
     * kept ones whose thread has gone, and the slots of the kept descriptors it read, marked
     * seen after the sweep (marking them as they are read would have the CPUs write to the
     * same cache lines).
     */
    static final class Changes {
        final IntPairs opened = new IntPairs(0), stale = new IntPairs(0);
        final int[] seenSlots;
        int seen;

        Changes(int threads) {
            seenSlots = new int[threads];
        }
    }

    /** {@code PID/task/TID/stat}, relative to the /proc root, in {@code path}. */
    static StringBuilder statPath(StringBuilder path, int pid, int tid) {
        path.setLength(0);
        return path.append(pid).append("/task/").append(tid).append("/stat");
    }

    /**
     * How many stat descriptors the samplers of this process keep together: the soft descriptor limit less {@link #RESERVED_FDS},
     * but at least a quarter of it (small limits), and at most 64k. The JVM raises the soft limit
     * to the hard one as it starts, so on the test VM (hard limit 20000) that is 18976: every one
     * of 10k threads warm. A quarter of the limit, as before, left half of them to the cold
     * open/read/close, which costs twice a pread.
     */
    private static int statFdCapacity() {
        try {
            long soft = Limits.getrlimit(Limits.Resource.NOFILE).soft();
            return soft < 0 ? MAX_KEPT_FDS : (int) Math.min(MAX_KEPT_FDS, Math.max(soft / 4, soft - RESERVED_FDS));
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
