package dev.procward.probes.metrics;

import dev.procward.probes.Cmdline;
import dev.procward.probes.Field;
import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.Snapshotter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command lines for cmdline group rules, read once per process rather than once per scrape: a
 * command line rarely changes. An entry is keyed by pid, start time and comm, so a reused pid or
 * an exec (which renames the process) reads it afresh; it is also re-read after {@code refresh},
 * which bounds how long a title rewritten in place (setproctitle, as postgres and nginx do) goes
 * unseen. Entries for processes not asked about in a scrape are dropped. Not thread-safe.
 */
final class CmdlineCache {

    private record Key(int pid, long startTime, String comm) {}

    private record Entry(Optional<String> joined, long readAtNanos) {}

    private final Path procRoot;
    private final long refreshNanos;
    private Map<Key, Entry> previous = new HashMap<>();
    private Map<Key, Entry> current = new HashMap<>();
    private int reads;

    CmdlineCache(Path procRoot, Duration refresh) {
        this.procRoot = procRoot;
        this.refreshNanos = refresh.toNanos();
    }

    /** Starts a scrape: what the last one asked for stays, the rest is forgotten at {@link #endScrape}. */
    void startScrape() {
        reads = 0;
    }

    /** The command line joined by spaces; empty for a zombie, a kernel thread or a vanished process. */
    Optional<String> get(int pid, ProcStat stat, long nowNanos) {
        Key key = new Key(pid, stat.startTime(), stat.comm());
        Entry e = current.get(key);
        if (e == null) {
            e = previous.get(key);
            if (e == null || nowNanos - e.readAtNanos() >= refreshNanos) {
                e = new Entry(read(procRoot, pid), nowNanos);
                reads++;
            }
            current.put(key, e);
        }
        return e.joined();
    }

    /** Ends a scrape and returns how many command lines it read. */
    int endScrape() {
        previous = current;
        current = new HashMap<>();
        return reads;
    }

    /** One process's command line joined by spaces, or empty. */
    static Optional<String> read(Path procRoot, int pid) {
        return Snapshotter.takeOne(procRoot, pid, EnumSet.of(Field.CMDLINE))
                .map(ProcessSnapshot::cmdline)
                .filter(c -> !c.isEmpty())
                .map(Cmdline::joined);
    }
}
