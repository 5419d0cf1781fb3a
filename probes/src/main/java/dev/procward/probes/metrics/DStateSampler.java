package dev.procward.probes.metrics;

import dev.procward.libc.DirectoryReader;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.diag.ThreadActivity;
import dev.procward.probes.kernel.SyscallTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One D-state sample for the exporter. Most processes have one thread, and then
 * {@code /proc/PID/stat} already holds that thread's state: so a sample reads one stat file per
 * process, lists {@code task/} only for processes with more than one thread (the process's stat
 * shows the leader's state alone), and hands a process to {@link StuckSampler#process} (the same
 * details as {@code procward stuck}: {@code syscall} and {@code wchan}) only once one of its
 * threads was seen in D. That is one open per single-threaded process instead of a directory
 * listing plus an open. Reading {@code wchan} and {@code syscall} of another user's thread needs
 * CAP_SYS_PTRACE; without it they are "unknown". The stat lines of the latest sweep are kept
 * ({@link #latestListing}) so that a scrape can reuse them rather than read every stat again.
 * Not thread-safe, except {@link #latestListing}: one per sampling thread.
 */
public final class DStateSampler {

    public static final String UNKNOWN = "unknown";

    /** stat fields after the ")" that ends comm: state is the first, num_threads the 18th. */
    private static final int NUM_THREADS_AFTER_COMM = 17;

    private final String root;
    private final StuckSampler details;
    private boolean nativeReads = true;
    /** Guards the hand-off: {@link #published} is parsed, and the two buffers swapped, under it. */
    private final Object handOff = new Object();
    private StatLines published;
    private StatLines filling = new StatLines();

    public DStateSampler(Path procRoot) {
        this.root = procRoot.toString();
        this.details = new StuckSampler(procRoot, StuckSampler.UNINTERRUPTIBLE, false, -1, SyscallTable.host());
    }

    public List<DStateTally.Observation> sample() {
        List<ThreadActivity> blocked = new ArrayList<>();
        if (nativeReads) {
            // The reader's memory is confined to the thread that made it: one per sample.
            try (var reader = new DirectoryReader(1024)) {
                nativeReads = sweep(reader, blocked); // not a directory of the default file system: the JDK's way
            } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
                nativeReads = false; // no native access: the full sweep does the same through the JDK
            }
            if (!nativeReads) blocked.clear();
        }
        if (!nativeReads) {
            blocked.addAll(details.sweep().active());
        }
        List<DStateTally.Observation> out = new ArrayList<>(blocked.size());
        for (ThreadActivity t : blocked) {
            out.add(new DStateTally.Observation(known(t.wchan()), known(t.syscall())));
        }
        return out;
    }

    /**
     * The latest sweep's listing, if it ended at or after {@code oldestNanos}: for a scraping
     * thread. It is parsed under the hand-off lock, so the sweep after it cannot overwrite the
     * buffer meanwhile (that sweep fills the other one, and only waits here to swap).
     */
    public Optional<StatLines.Listing> latestListing(long oldestNanos, SystemInfo system) {
        synchronized (handOff) {
            if (published == null || published.finishedAtNanos() < oldestNanos) return Optional.empty();
            return Optional.of(published.listing(system));
        }
    }

    /** One pass, with reads relative to a descriptor of the root; false when the root cannot be opened. */
    private boolean sweep(DirectoryReader reader, List<ThreadActivity> blocked) {
        int rootFd = reader.openDirectory(DirectoryReader.AT_FDCWD, root);
        if (rootFd < 0) return false;
        try {
            int[] pids = reader.numericEntries(rootFd);
            Arrays.sort(pids); // a listing is in pid order
            StatLines lines = filling;
            lines.reset(pids.length);
            StringBuilder name = new StringBuilder(48);
            for (int pid : pids) {
                name.setLength(0);
                int n = reader.read(rootFd, name.append(pid).append("/stat"));
                if (n <= 0) continue; // gone
                byte[] stat = reader.bytes();
                lines.add(pid, stat, n);
                boolean inD = stateOf(stat, n) == 'D';
                if (!inD && numThreads(stat, n) > 1) {
                    name.setLength(0);
                    inD = anyThreadInD(reader, rootFd, name.append(pid).append("/task"));
                }
                if (inD) {
                    // Detailed at once, so a short wait is still in D when its wchan is read.
                    blocked.addAll(details.process(pid));
                }
            }
            lines.finish(System.nanoTime());
            synchronized (handOff) {
                filling = published == null ? new StatLines() : published;
                published = lines;
            }
            return true;
        } finally {
            reader.close(rootFd);
        }
    }

    /** Whether a thread listed in the task directory {@code taskDir} (under the root) is in D. */
    private static boolean anyThreadInD(DirectoryReader reader, int rootFd, StringBuilder taskDir) {
        int[] tids = reader.numericEntries(rootFd, taskDir);
        if (tids == null) return false;
        int length = taskDir.length();
        for (int tid : tids) {
            taskDir.setLength(length);
            int n = reader.read(rootFd, taskDir.append('/').append(tid).append("/stat"));
            if (n > 0 && stateOf(reader.bytes(), n) == 'D') return true;
        }
        return false;
    }

    /** The state letter: the character after the LAST ')' (comm may hold one) and a blank; 0 if none. */
    static char stateOf(byte[] buf, int n) {
        return dev.procward.probes.ProcStat.stateOf(buf, n);
    }

    /** num_threads, or 0 when the line is cut short. */
    static long numThreads(byte[] buf, int n) {
        int i = lastParen(buf, n) + 2;
        if (i < 2) return 0;
        for (int field = 0; field < NUM_THREADS_AFTER_COMM; field++) {
            while (i < n && buf[i] != ' ') i++;
            i++;
        }
        long v = 0;
        for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++) v = v * 10 + (buf[i] - '0');
        return v;
    }

    private static int lastParen(byte[] buf, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (buf[i] == ')') return i;
        }
        return -1;
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.equals("-") || value.equals("[unreadable]") ? UNKNOWN : value;
    }
}
