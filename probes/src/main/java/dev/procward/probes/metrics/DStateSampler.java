package dev.procward.probes.metrics;

import dev.procward.libc.SmallFileReader;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.diag.ThreadActivity;
import dev.procward.probes.kernel.SyscallTable;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private final Path procRoot;
    private final String root;
    private final StuckSampler details;
    private final byte[] stat = new byte[1024];
    private boolean nativeReads = true;
    /** Guards the hand-off: {@link #published} is parsed, and the two buffers swapped, under it. */
    private final Object handOff = new Object();
    private StatLines published;
    private StatLines filling = new StatLines();

    public DStateSampler(Path procRoot) {
        this.procRoot = procRoot;
        this.root = procRoot.toString();
        this.details = new StuckSampler(procRoot, StuckSampler.UNINTERRUPTIBLE, false, -1, SyscallTable.host());
    }

    public List<DStateTally.Observation> sample() {
        List<ThreadActivity> blocked = new ArrayList<>();
        if (nativeReads) {
            // The reader's memory is confined to the thread that made it: one per sample.
            try (var reader = new SmallFileReader(stat.length)) {
                sweep(reader, blocked);
            } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
                nativeReads = false; // no native access: the full sweep does the same through the JDK
                blocked.clear();
            }
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

    private void sweep(SmallFileReader reader, List<ThreadActivity> blocked) {
        StringBuilder path = new StringBuilder(64);
        int[] pids = Snapshotter.pids(procRoot);
        StatLines lines = filling;
        lines.reset(pids.length);
        for (int pid : pids) {
            path.setLength(0);
            path.append(root).append('/').append(pid);
            int dir = path.length();
            path.append("/stat");
            int n = read(reader, path);
            if (n <= 0) continue; // gone
            lines.add(pid, stat, n);
            boolean inD = stateOf(stat, n) == 'D';
            if (!inD && numThreads(stat, n) > 1) {
                path.setLength(dir);
                inD = anyThreadInD(reader, path.append("/task"));
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
    }

    /** Whether a thread listed in the task directory at {@code taskDir} is in D. */
    private boolean anyThreadInD(SmallFileReader reader, StringBuilder taskDir) {
        String[] tids = new File(taskDir.toString()).list();
        if (tids == null) return false;
        int length = taskDir.length();
        for (String tid : tids) {
            taskDir.setLength(length);
            int n = read(reader, taskDir.append('/').append(tid).append("/stat"));
            if (n > 0 && stateOf(stat, n) == 'D') return true;
        }
        return false;
    }

    private int read(SmallFileReader reader, CharSequence file) {
        int n = reader.read(file);
        if (n > 0) reader.copyTo(stat, n);
        return n;
    }

    /** The state letter: the character after the LAST ')' (comm may hold one) and a blank; 0 if none. */
    static char stateOf(byte[] buf, int n) {
        int close = lastParen(buf, n);
        return close >= 0 && close + 2 < n ? (char) buf[close + 2] : 0;
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
