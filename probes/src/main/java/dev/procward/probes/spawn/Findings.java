package dev.procward.probes.spawn;

import dev.procward.probes.spawn.SpawnReport.Cell;
import dev.procward.probes.spawn.SpawnReport.TargetCheck;
import dev.procward.probes.spawn.SpawnReport.Trend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the measured cells say: trends against parent size, the target ratios, and the verdict line. */
public final class Findings {
    static final double FFM_VS_C_LIMIT = 1.10;
    static final double FFM_VS_PROCESS_BUILDER_LIMIT = 0.55;
    private static final double FLAT_RELATIVE = 0.25;
    private static final double FLAT_ABSOLUTE_MICROS = 100;

    private Findings() {}

    /** One trend per (method, target, huge pages) measured at two or more parent sizes. */
    public static List<Trend> trends(List<Cell> cells) {
        Map<List<Object>, List<Cell>> rows = cells.stream().collect(Collectors.groupingBy(
                c -> java.util.Arrays.asList(c.method(), c.target(), c.hugePages()), LinkedHashMap::new, Collectors.toList()));
        List<Trend> trends = new ArrayList<>();
        for (List<Cell> row : rows.values()) {
            List<Cell> bySize = row.stream().sorted(Comparator.comparingLong(Cell::parentBytes)).toList();
            if (bySize.stream().map(Cell::parentBytes).distinct().count() < 2) continue;
            Cell first = bySize.getFirst(), last = bySize.getLast();
            double small = first.latency().medianMicros(), large = last.latency().medianMicros();
            boolean flat = Math.abs(large - small) <= Math.max(FLAT_RELATIVE * small, FLAT_ABSOLUTE_MICROS);
            trends.add(new Trend(first.method(), first.target(), first.hugePages(), slopeMsPerGib(bySize), small, large, flat));
        }
        return trends;
    }

    static double slopeMsPerGib(List<Cell> cells) {
        int n = cells.size();
        double mx = 0, my = 0;
        for (Cell c : cells) {
            mx += gib(c.parentBytes());
            my += c.latency().medianMicros() / 1000.0;
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0;
        for (Cell c : cells) {
            double dx = gib(c.parentBytes()) - mx;
            sxy += dx * (c.latency().medianMicros() / 1000.0 - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /**
     * The targets at every parent size where both sides were measured, on {@code target}:
     * FFM posix_spawn ≤ 1.1× C posix_spawn, and ≤ 0.55× the default ProcessBuilder.
     */
    public static List<TargetCheck> targetChecks(List<Cell> cells, String target) {
        List<TargetCheck> checks = new ArrayList<>();
        addChecks(checks, cells, target, Method.C_POSIX_SPAWN, FFM_VS_C_LIMIT);
        addChecks(checks, cells, target, Method.PB_POSIX_SPAWN, FFM_VS_PROCESS_BUILDER_LIMIT);
        return checks;
    }

    private static void addChecks(List<TargetCheck> checks, List<Cell> cells, String target, Method reference, double limit) {
        for (Cell ffm : cells) {
            if (!ffm.method().equals(Method.FFM_POSIX_SPAWN.id()) || !Objects.equals(ffm.target(), target)) continue;
            find(cells, reference, target, ffm).ifPresent(ref -> {
                double ratio = ffm.latency().medianMicros() / ref.latency().medianMicros();
                checks.add(new TargetCheck(ffm.method(), ref.method(), target, ffm.parent(), ratio, limit, ratio <= limit,
                        ffm.group() == ref.group()));
            });
        }
    }

    private static Optional<Cell> find(List<Cell> cells, Method method, String target, Cell sameParentAs) {
        return cells.stream().filter(c -> c.method().equals(method.id()) && Objects.equals(c.target(), target)
                && c.parentBytes() == sameParentAs.parentBytes() && c.hugePages() == sameParentAs.hugePages()).findFirst();
    }

    /**
     * One line from the data, e.g. "posix_spawn is flat (FFM 0.61 → 0.64 ms from 16m to 4g); fork+exec
     * grows by 27.1 ms per GiB here (C)", followed by the target verdicts.
     */
    public static String verdict(List<Cell> cells, List<Trend> trends, List<TargetCheck> checks, String target) {
        List<String> parts = new ArrayList<>();
        List<Trend> plain = trends.stream().filter(t -> !t.hugePages() && Objects.equals(t.target(), target)).toList();
        if (plain.isEmpty() && cells.stream().map(Cell::parentBytes).distinct().count() < 2) {
            parts.add("one parent size only, so no trend against size");
        }
        List<Trend> thp = trends.stream().filter(t -> t.hugePages() && Objects.equals(t.target(), target)).toList();
        if (plain.isEmpty() && !thp.isEmpty()) {
            // A run of THP parents only: the same statements, said of THP-backed parents.
            describe(thp, Method.FFM_POSIX_SPAWN, Method.C_POSIX_SPAWN, "posix_spawn", cells)
                    .ifPresent(p -> parts.add("on THP-backed parents, " + p));
            describe(thp, Method.C_FORK_EXEC, Method.PB_FORK, "fork+exec", cells).ifPresent(parts::add);
        } else {
            describe(plain, Method.FFM_POSIX_SPAWN, Method.C_POSIX_SPAWN, "posix_spawn", cells).ifPresent(parts::add);
            describe(plain, Method.C_FORK_EXEC, Method.PB_FORK, "fork+exec", cells).ifPresent(parts::add);
            thp.stream().filter(t -> t.method().equals(Method.C_FORK_EXEC.id()) || t.method().equals(Method.PB_FORK.id()))
                    .findFirst()
                    .ifPresent(t -> parts.add("with THP, " + label(t.method()) + " " + growth(t)));
        }
        parts.add(targetSummary(checks, Method.C_POSIX_SPAWN, FFM_VS_C_LIMIT));
        parts.add(targetSummary(checks, Method.PB_POSIX_SPAWN, FFM_VS_PROCESS_BUILDER_LIMIT));
        return parts.stream().filter(Objects::nonNull).collect(Collectors.joining("; ")) + ".";
    }

    private static Optional<String> describe(List<Trend> trends, Method preferred, Method fallback, String name, List<Cell> cells) {
        Optional<Trend> t = trends.stream().filter(x -> x.method().equals(preferred.id())).findFirst()
                .or(() -> trends.stream().filter(x -> x.method().equals(fallback.id())).findFirst());
        return t.map(trend -> {
            String who = label(trend.method()).replace(" " + name, "").replace(name, "").strip();
            String range = String.format(Locale.ROOT, "%s %.2f → %.2f ms from %s to %s", who,
                    trend.smallestMedianMicros() / 1000, trend.largestMedianMicros() / 1000,
                    sizeLabel(cells, trend, true), sizeLabel(cells, trend, false));
            return trend.flat() ? name + " is flat (" + range + ")" : name + " " + growth(trend) + " here (" + range + ")";
        });
    }

    private static String growth(Trend t) {
        return String.format(Locale.ROOT, "grows by %.1f ms per GiB", t.msPerGib());
    }

    private static String sizeLabel(List<Cell> cells, Trend t, boolean smallest) {
        Comparator<Cell> bySize = Comparator.comparingLong(Cell::parentBytes);
        var row = cells.stream().filter(c -> c.method().equals(t.method()) && Objects.equals(c.target(), t.target())
                && c.hugePages() == t.hugePages());
        return (smallest ? row.min(bySize) : row.max(bySize)).map(Cell::parent).orElse("?");
    }

    private static String targetSummary(List<TargetCheck> checks, Method reference, double limit) {
        List<TargetCheck> mine = checks.stream().filter(c -> c.reference().equals(reference.id())).toList();
        if (mine.isEmpty()) return null;
        double lo = mine.stream().mapToDouble(TargetCheck::ratio).min().orElseThrow();
        double hi = mine.stream().mapToDouble(TargetCheck::ratio).max().orElseThrow();
        List<String> missed = mine.stream().filter(c -> !c.met()).map(TargetCheck::parent).toList();
        String range = String.format(Locale.ROOT, "%.2f", lo);
        String upper = String.format(Locale.ROOT, "%.2f", hi);
        if (!upper.equals(range)) range += "–" + upper;
        return String.format(Locale.ROOT, "FFM posix_spawn is %s× %s (target ≤ %.2f×: %s)", range,
                label(reference.id()), limit, missed.isEmpty() ? "met" : "missed at " + String.join(", ", missed));
    }

    private static String label(String methodId) {
        return Method.byId(methodId).label();
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
