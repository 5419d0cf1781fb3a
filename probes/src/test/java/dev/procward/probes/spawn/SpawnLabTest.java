package dev.procward.probes.spawn;

import dev.procward.probes.spawn.SpawnReport.Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The laboratory against the real kernel, with tiny parents and few iterations: it checks that
 * every method really spawned and exec'd the target, and reaped everything, not how fast it was.
 */
class SpawnLabTest {
    private static final int ITERATIONS = 3;
    private static final int WARMUP = 1;

    @TempDir
    static Path dir;
    static Path counter;
    static Path target;

    @BeforeAll
    static void countingTarget() throws IOException {
        counter = dir.resolve("spawned");
        target = dir.resolve("count-me");
        // Each exec appends one line, so the file counts the spawns that really ran the target.
        Files.writeString(target, "#!/bin/sh\necho $$ >> '" + counter + "'\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static void requireCc() {
        boolean present = CReference.findOnPath("cc").isPresent();
        if (!present && "true".equals(System.getenv("CI"))) fail("cc is required in CI for the C reference rows");
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "no cc on PATH: C reference rows cannot be built");
    }

    private static SpawnReport run(List<Method> methods, List<String> targets) throws IOException {
        return run(methods, targets, 0);
    }

    private static SpawnReport run(List<Method> methods, List<String> targets, int jitWarmup) throws IOException {
        Files.deleteIfExists(counter);
        var plan = new SpawnLab.Plan(methods, List.of(ParentSize.parse("8m")), targets, ITERATIONS, WARMUP, Duration.ofSeconds(60), jitWarmup);
        return new SpawnLab().run(plan, SpawnLab.Listener.NONE);
    }

    private static long spawnsCounted() throws IOException {
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    @Test
    void everyCMethodSpawnsExecsAndReapsEachChild() throws IOException {
        requireCc();
        List<Method> c = List.of(Method.C_FORK_EXEC, Method.C_VFORK_EXEC, Method.C_POSIX_SPAWN, Method.C_CLONE_FLOOR);
        SpawnReport report = run(c, List.of(target.toString()));

        assertEquals(Set.of("c-fork-exec", "c-vfork-exec", "c-posix-spawn", "c-clone-floor"),
                report.cells().stream().map(Cell::method).collect(Collectors.toSet()), report.unavailable().toString());
        assertWellFormed(report);
        // Three exec'ing methods ran the target; the clone floor never execs.
        assertEquals(3L * (ITERATIONS + WARMUP), spawnsCounted());
        Cell floor = report.cells().stream().filter(x -> x.method().equals("c-clone-floor")).findFirst().orElseThrow();
        assertNull(floor.target(), "the floor has no target");
        assertFalse(report.machine().glibc().equals("unknown"), "the C harness reports glibc");
    }

    @Test
    void everyProcessBuilderMechanismRunsInItsOwnChildJvm() throws IOException {
        List<Method> pb = List.of(Method.PB_POSIX_SPAWN, Method.PB_FORK, Method.PB_VFORK);
        SpawnReport report = run(pb, List.of(target.toString()));

        assertEquals(3, report.cells().size(), report.unavailable().toString());
        assertWellFormed(report);
        assertEquals(3L * (ITERATIONS + WARMUP), spawnsCounted());
        Set<Long> parents = report.cells().stream().map(Cell::parentPid).collect(Collectors.toSet());
        assertEquals(3, parents.size(), "one JVM per launch mechanism");
        assertFalse(parents.contains(ProcessHandle.current().pid()));
        for (Cell cell : report.cells()) {
            assertTrue(cell.parentRssBytes() >= 8L << 20, "the child JVM touched its whole heap: " + cell);
        }
    }

    @Test
    void ffmRowsSpawnFromThisJvmAndReapEverything() throws IOException {
        SpawnReport report = run(List.of(Method.FFM_POSIX_SPAWN, Method.FFM_CLONE_FLOOR), List.of(target.toString()));

        assertEquals(2, report.cells().size(), report.unavailable().toString());
        assertWellFormed(report);
        assertEquals(ITERATIONS + WARMUP, spawnsCounted(), "posix_spawn exec'd the target; the floor never does");
        for (Cell cell : report.cells()) assertEquals(ProcessHandle.current().pid(), cell.parentPid());
        assertFalse(report.machine().glibc().equals("unknown"), "glibc comes from libc itself");
    }

    @Test
    void javaRowsFirstWarmTheJitWithUnmeasuredSpawnsAndCRowsDoNot() throws IOException {
        requireCc();
        int jit = 7;
        SpawnReport report = run(List.of(Method.FFM_POSIX_SPAWN, Method.PB_POSIX_SPAWN, Method.C_POSIX_SPAWN),
                List.of(target.toString()), jit);
        assertEquals(3, report.cells().size(), report.unavailable().toString());
        assertWellFormed(report);
        // The warm-up runs the tiny static target, so the counting target sees only the cells' spawns.
        assertEquals(3L * (ITERATIONS + WARMUP), spawnsCounted());
        assertEquals(jit, report.settings().jitWarmupSpawns());
        for (Cell cell : report.cells()) {
            assertEquals(cell.method().startsWith("c-") ? 0 : jit, cell.jitWarmupSpawns(), cell.toString());
        }
    }

    @Test
    void staticTargetIsBuiltWithCcAndExecs() throws IOException {
        requireCc();
        SpawnReport report = run(List.of(Method.C_POSIX_SPAWN), List.of(Target.STATIC));
        assertEquals(1, report.cells().size(), report.unavailable().toString());
        assertEquals(Target.STATIC, report.cells().getFirst().target());
        assertWellFormed(report);
    }

    @Test
    void withoutACompilerTheCRowsAndTheStaticTargetAreNotMeasuredAndSaySo() throws IOException {
        Path noCc = Files.createDirectories(dir.resolve("empty-path"));
        var plan = new SpawnLab.Plan(List.of(Method.C_POSIX_SPAWN, Method.C_FORK_EXEC, Method.FFM_CLONE_FLOOR),
                List.of(ParentSize.parse("8m")), List.of(target.toString(), Target.STATIC), ITERATIONS, WARMUP,
                Duration.ofSeconds(60), 0);
        SpawnReport report = new SpawnLab().compilerSearchPath(noCc.toString()).run(plan, SpawnLab.Listener.NONE);

        assertEquals(List.of("ffm-clone-floor"), report.cells().stream().map(Cell::method).toList(), "no C figure is invented");
        String reasons = report.unavailable().toString();
        assertTrue(reasons.contains("method=c-posix-spawn") && reasons.contains("method=c-fork-exec"), reasons);
        assertTrue(reasons.contains("no C compiler: cc is not on PATH"), reasons);
        assertTrue(reasons.contains("target=static"), reasons);
        assertTrue(report.targets().isEmpty(), "no ratio against a C row that does not exist");
    }

    @Test
    void whereThpIsNeverTheThpParentsAreNotMeasuredAndSaySo() throws IOException {
        Path sys = dir.resolve("sys-thp-never");
        Path enabled = sys.resolve(MachineFacts.THP_ENABLED);
        Files.createDirectories(enabled.getParent());
        Files.writeString(enabled, "always madvise [never]\n");
        var plan = new SpawnLab.Plan(List.of(Method.FFM_CLONE_FLOOR),
                List.of(ParentSize.parse("8m"), ParentSize.parse("8m").withHugePages()), List.of(target.toString()),
                ITERATIONS, WARMUP, Duration.ofSeconds(60), 0);
        SpawnReport report = new SpawnLab(Path.of("/proc"), sys, null).run(plan, SpawnLab.Listener.NONE);

        assertEquals(List.of("8m"), report.cells().stream().map(Cell::parent).toList(), "no THP figure is invented");
        var skipped = report.unavailable().stream().filter(u -> "8m+thp".equals(u.parent())).toList();
        assertEquals(1, skipped.size(), report.unavailable().toString());
        assertTrue(skipped.getFirst().reason().contains("THP mode never"), skipped.getFirst().reason());
        assertEquals("never", report.machine().thpMode());
        assertWellFormed(report);
    }

    @Test
    void aTargetThatIsNotExecutableIsRefusedUpFront() {
        var plan = new SpawnLab.Plan(List.of(Method.PB_POSIX_SPAWN), List.of(ParentSize.parse("8m")),
                List.of(dir.resolve("missing").toString()), 1, 0, Duration.ofSeconds(5), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> new SpawnLab().run(plan, SpawnLab.Listener.NONE));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    static void assertWellFormed(SpawnReport report) {
        for (Cell cell : report.cells()) {
            assertEquals(ITERATIONS, cell.latency().count(), cell.toString());
            assertEquals(ITERATIONS + WARMUP, cell.spawned(), cell.toString());
            assertEquals(0, cell.unreapedAfter(), "nothing left unreaped in " + cell);
            assertFalse(cell.timeCapped());
            assertTrue(cell.latency().minMicros() > 0);
            assertTrue(cell.latency().minMicros() <= cell.latency().medianMicros());
            assertTrue(cell.latency().medianMicros() <= cell.latency().maxMicros());
        }
        assertEquals(0, report.leftoverChildren(), "the lab left children behind");
        assertEquals(Set.of(), ChildProcesses.of(Path.of("/proc"), ProcessHandle.current().pid()),
                "no child or zombie of the test JVM remains");
    }
}
