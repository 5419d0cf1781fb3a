package dev.procward.probes.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The N processes with the largest PSS, reading as few {@code smaps_rollup} files as possible.
 * PSS never exceeds RSS, and RSS comes free with {@code stat}. So candidates are visited by RSS,
 * largest first, and the walk stops once the N-th best PSS found so far is at least the RSS of
 * the next candidate: nobody after it can enter the top N. On a host with 10k processes that is
 * typically N to 2N reads instead of 10k, each of which walks a process's page tables.
 *
 * <p>The bound is weak where many processes share most of their pages (a crowd of forked
 * workers: large RSS, small PSS), so the reads are also capped. When the cap stops the walk, the
 * ranking is the best among the largest-RSS candidates and is marked inexact.
 */
public final class TopPss {
    private TopPss() {}

    public record Candidate<K>(K key, long rssBytes) {}

    public record Ranked<K>(K key, long pssBytes) {}

    /** The ranking, how many PSS reads it took (a self-metric), and whether the bound proved it exact. */
    public record Result<K>(List<Ranked<K>> top, int pssReads, boolean exact) {}

    /** The default cap on reads for a ranking of {@code n}. */
    public static int defaultMaxReads(int n) {
        return Math.max(64, 4 * n);
    }

    /**
     * @param readPss a process's PSS, or empty when it vanished or cannot be read (a gap, skipped)
     */
    public static <K> Result<K> select(List<Candidate<K>> candidates, int n, int maxReads, Function<K, OptionalLong> readPss) {
        if (n <= 0) {
            return new Result<>(List.of(), 0, true);
        }
        List<Candidate<K>> byRss = new ArrayList<>(candidates);
        byRss.sort(Comparator.comparingLong((Candidate<K> c) -> c.rssBytes()).reversed());
        PriorityQueue<Ranked<K>> best = new PriorityQueue<>(Comparator.comparingLong(Ranked::pssBytes));
        int reads = 0;
        boolean exact = true;
        for (Candidate<K> c : byRss) {
            if (c.rssBytes() <= 0) {
                break; // kernel threads and zombies have no memory to rank
            }
            if (best.size() == n && best.peek().pssBytes() >= c.rssBytes()) {
                break;
            }
            if (reads == maxReads) {
                exact = false;
                break;
            }
            reads++;
            OptionalLong pss = readPss.apply(c.key());
            if (pss.isEmpty()) {
                continue;
            }
            best.add(new Ranked<>(c.key(), pss.getAsLong()));
            if (best.size() > n) {
                best.poll();
            }
        }
        List<Ranked<K>> top = new ArrayList<>(best);
        top.sort(Comparator.comparingLong((Ranked<K> r) -> r.pssBytes()).reversed());
        return new Result<>(List.copyOf(top), reads, exact);
    }
}
