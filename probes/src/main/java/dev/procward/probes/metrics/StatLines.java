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

/**
 * The raw {@code /proc/PID/stat} line of every process, as one D-state sweep read them. The sweep
 * reads every process's stat anyway, so a scrape that comes soon after can build its listing from
 * these bytes instead of reading ten thousand files again; lines are parsed only then, so a sweep
 * that no scrape uses costs no parsing. Immutable once built.
 *
 * @param finishedAtNanos {@link System#nanoTime()} when the sweep ended
 * @param pids            the processes read, ascending
 * @param ends            where each process's line ends in {@code bytes} (it starts where the previous ends)
 * @param listed          pids listed in the root, read or not (the rest vanished)
 */
public record StatLines(long finishedAtNanos, int[] pids, int[] ends, byte[] bytes, int listed) {

    /** The listing a scrape needs: stat alone, a malformed line as a gap on its process. */
    public ProcessTable table(SystemInfo system) {
        List<ProcessSnapshot> out = new ArrayList<>(pids.length);
        int start = 0;
        for (int i = 0; i < pids.length; i++) {
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
        return new ProcessTable(system, out, listed - pids.length);
    }

    /** Collects lines in pid order during one sweep. Not thread-safe. */
    static final class Builder {
        private int[] pids;
        private int[] ends;
        private byte[] bytes;
        private int count;
        private int length;

        /** @param expected processes expected; the builder grows past it */
        Builder(int expected) {
            pids = new int[Math.max(16, expected)];
            ends = new int[pids.length];
            bytes = new byte[pids.length * 256];
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

        StatLines build(long finishedAtNanos, int listed) {
            return new StatLines(finishedAtNanos, Arrays.copyOf(pids, count), Arrays.copyOf(ends, count),
                    Arrays.copyOf(bytes, length), listed);
        }
    }
}
