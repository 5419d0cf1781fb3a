package dev.procward.probes.spawn;

import dev.procward.probes.spawn.SpawnReport.Cell;
import dev.procward.probes.spawn.SpawnReport.TargetCheck;
import dev.procward.probes.spawn.SpawnReport.Trend;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FindingsTest {
    private static final long MIB = 1L << 20, GIB = 1L << 30;

    private static Cell cell(Method m, long bytes, boolean thp, double medianMicros) {
        String parent = new ParentSize(bytes, thp).label();
        var latency = new LatencySummary(10, medianMicros * 0.9, medianMicros, medianMicros * 1.1, medianMicros * 1.2, medianMicros * 1.3);
        return new Cell(m.id(), m.label(), m.execsTarget() ? "/bin/true" : null, parent, bytes, thp, 1, bytes, 0, 0, 0, 11, 0, false, latency);
    }

    /** The shape DESIGN.md measured: posix_spawn flat, fork+exec about 28 ms per GiB. */
    private static List<Cell> designLikeRun() {
        List<Cell> cells = new ArrayList<>();
        long[] sizes = {16 * MIB, GIB, 4 * GIB};
        double[] cFork = {1_100, 28_000, 112_000};
        for (int i = 0; i < 3; i++) {
            cells.add(cell(Method.FFM_POSIX_SPAWN, sizes[i], false, 650));
            cells.add(cell(Method.C_POSIX_SPAWN, sizes[i], false, 625));
            cells.add(cell(Method.PB_POSIX_SPAWN, sizes[i], false, 1_500));
            cells.add(cell(Method.C_FORK_EXEC, sizes[i], false, cFork[i]));
        }
        return cells;
    }

    @Test
    void forkGrowsAndPosixSpawnIsFlat() {
        List<Trend> trends = Findings.trends(designLikeRun());
        Trend fork = trends.stream().filter(t -> t.method().equals("c-fork-exec")).findFirst().orElseThrow();
        assertFalse(fork.flat());
        assertEquals(27.9, fork.msPerGib(), 0.05, "least squares over 16m, 1g, 4g");
        Trend spawn = trends.stream().filter(t -> t.method().equals("ffm-posix-spawn")).findFirst().orElseThrow();
        assertTrue(spawn.flat());
        assertEquals(0.0, spawn.msPerGib(), 1e-9);
    }

    @Test
    void targetsAreRatiosOfMediansAtEachSize() {
        List<TargetCheck> checks = Findings.targetChecks(designLikeRun(), "/bin/true");
        assertEquals(6, checks.size());
        TargetCheck vsC = checks.stream().filter(c -> c.reference().equals("c-posix-spawn")).findFirst().orElseThrow();
        assertEquals(650.0 / 625.0, vsC.ratio(), 1e-9);
        assertTrue(vsC.met(), "1.04 ≤ 1.1");
        TargetCheck vsPb = checks.stream().filter(c -> c.reference().equals("pb-posix-spawn")).findFirst().orElseThrow();
        assertEquals(650.0 / 1500.0, vsPb.ratio(), 1e-9);
        assertTrue(vsPb.met());
    }

    @Test
    void aMissedTargetIsNamedWithItsSize() {
        List<Cell> cells = new ArrayList<>(designLikeRun());
        cells.replaceAll(c -> c.method().equals("ffm-posix-spawn") && c.parent().equals("4g") ? cell(Method.FFM_POSIX_SPAWN, 4 * GIB, false, 900) : c);
        var checks = Findings.targetChecks(cells, "/bin/true");
        String verdict = Findings.verdict(cells, Findings.trends(cells), checks, "/bin/true");
        assertTrue(verdict.contains("missed at 4g"), verdict);
    }

    @Test
    void verdictStatesWhatWasMeasured() {
        List<Cell> cells = designLikeRun();
        var trends = Findings.trends(cells);
        String verdict = Findings.verdict(cells, trends, Findings.targetChecks(cells, "/bin/true"), "/bin/true");
        assertTrue(verdict.startsWith("posix_spawn is flat (FFM 0.65 → 0.65 ms from 16m to 4g)"), verdict);
        assertTrue(verdict.contains("fork+exec grows by 27.9 ms per GiB here"), verdict);
        assertTrue(verdict.contains("(target ≤ 1.10×: met)"), verdict);
        assertTrue(verdict.contains("(target ≤ 0.55×: met)"), verdict);
    }

    @Test
    void aRunOfThpParentsOnlyStatesTheSameOfThpParents() {
        List<Cell> cells = designLikeRun().stream()
                .map(c -> cell(Method.byId(c.method()), c.parentBytes(), true, c.method().equals("c-fork-exec")
                        ? 1_000 + c.parentBytes() / (double) GIB * 800 : c.latency().medianMicros()))
                .toList();
        var trends = Findings.trends(cells);
        String verdict = Findings.verdict(cells, trends, Findings.targetChecks(cells, "/bin/true"), "/bin/true");
        assertTrue(verdict.startsWith("on THP-backed parents, posix_spawn is flat (FFM 0.65 → 0.65 ms from 16m+thp to 4g+thp)"), verdict);
        assertTrue(verdict.contains("fork+exec grows by 0.8 ms per GiB here"), verdict);
    }

    @Test
    void oneSizeGivesNoTrendAndSaysSo() {
        List<Cell> cells = List.of(cell(Method.C_FORK_EXEC, 16 * MIB, false, 1_000));
        assertTrue(Findings.trends(cells).isEmpty());
        assertTrue(Findings.verdict(cells, List.of(), List.of(), "/bin/true").contains("one parent size only"));
    }
}
