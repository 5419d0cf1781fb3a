package dev.procward.probes.metrics;

import dev.procward.probes.Gap;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.SystemInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The raw {@code /proc/PID/stat} line of every process, as one D-state sweep read them. The sweep
 * reads every process's stat anyway, so a scrape that comes soon after can build its listing from
 * these bytes instead of reading ten thousand files again; lines are parsed only then, so a sweep
 * that no scrape uses costs no parsing. The buffers are reused from sweep to sweep (the sampler
 * keeps two and swaps them), so sampling allocates nothing per sweep once they have grown. Not
 * thread-safe: the sampler guards the hand-off.
 */
public final class StatLines {

    /** A listing built from a sweep, and when that sweep ended ({@link System#nanoTime()}). */
    public record Listing(ProcessTable table, long finishedAtNanos) {}

    /** Where a scrape finds a recent sweep: the D-state sampler. */
    @FunctionalInterface
    public interface Source {
        Source NONE = (oldest, system) -> Optional.empty();

        /** The latest sweep's listing if it ended at or after {@code oldestNanos}. */
        Optional<Listing> latest(long oldestNanos, SystemInfo system);
    }

    private int[] pids = new int[256];
    private int[] ends = new int[256];
    private byte[] bytes = new byte[256 * 256];
    private int count;
    private int length;
    private int listed;
    private long finishedAtNanos;

    /** Starts a sweep over {@code listed} listed pids. */
    void reset(int listed) {
        this.listed = listed;
        count = 0;
        length = 0;
    }

    void add(int pid, byte[] line, int n) {
        if (count == pids.length) {
            pids = Arrays.copyOf(pids, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        if (length + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        System.arraycopy(line, 0, bytes, length, n);
        length += n;
        pids[count] = pid;
        ends[count++] = length;
    }

    void finish(long nanoTime) {
        finishedAtNanos = nanoTime;
    }

    long finishedAtNanos() {
        return finishedAtNanos;
    }

    /** The listing a scrape needs: stat alone, in pid order, a malformed line as a gap on its process. */
    Listing listing(SystemInfo system) {
        List<ProcessSnapshot> out = new ArrayList<>(count);
        int start = 0;
        for (int i = 0; i < count; i++) {
            String line = new String(bytes, start, ends[i] - start, StandardCharsets.UTF_8);
            start = ends[i];
            ProcStat stat = null;
            List<Gap> gaps = List.of();
            try {
                stat = ProcStat.parse(line);
            } catch (ProcParseException e) {
                gaps = List.of(new Gap("stat", Gap.Reason.MALFORMED));
            }
            out.add(new ProcessSnapshot(pids[i], stat, null, null, null, null, null, null, gaps));
        }
        return new Listing(new ProcessTable(system, out, listed - count), finishedAtNanos);
    }
}
