package dev.procward.cli.init;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/** What neither tini nor dumb-init does, at PID 1 through the packaged launcher. */
class InitExtrasIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsRoot() {
        requireRootAndUnshare();
    }

    private static List<String> procwardPid1(List<String> flags, String script) {
        return concat(asPid1(Inits.PROCWARD.command(flags)), "/bin/sh", "-c", script);
    }

    @Test
    void waitAllKeepsPid1UntilTheLastDescendantIsDone() throws Exception {
        Path late = tmp.resolve("late");
        String script = "(sleep 0.5; echo done > " + late + ") & exit 0";
        run(procwardPid1(List.of(), script));
        assertFalse(Files.exists(late), "without --wait-all the namespace ends with the main child");
        Result r = run(procwardPid1(List.of("--wait-all"), script));
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.exists(late), "--wait-all waited for the orphan");
    }

    @Test
    void graceKillsWhatIgnoresTermOnceThePeriodIsOver() throws Exception {
        Path ready = tmp.resolve("ready");
        Process p = start(procwardPid1(List.of("--grace", "300ms"),
                "trap '' TERM; (trap '' TERM; sleep 1000) & touch " + ready + "; while :; do sleep 0.05; done"), Map.of());
        awaitFile(ready);
        ProcessHandle.of(namespaceInit(p)).orElseThrow().destroy();
        Result r = finish(p);
        assertEquals(137, r.code(), "the child was KILLed after the grace period: " + r);
    }

    @Test
    void restartRunsTheChildAgainWithBackoffAndStaysPid1() throws Exception {
        Path runs = tmp.resolve("runs");
        Result r = run(procwardPid1(List.of("--restart", "on-failure", "--max-restarts", "2"),
                "echo $$ >> " + runs + "; exit 3"));
        assertEquals(3, r.code(), r.toString());
        List<String> pids = Files.readAllLines(runs);
        assertEquals(3, pids.size(), "first run plus two restarts: " + pids);
        assertEquals(3, pids.stream().distinct().count(), "each run is a new process");
    }

    @Test
    void eventsRecordSpawnSignalsReapedOrphansWithCommAndZombieTime() throws Exception {
        Path events = tmp.resolve("events.jsonl");
        Result r = run(procwardPid1(List.of("--events", events.toString(), "--wait-all"),
                "(sleep 0.2 &); exit 4"));
        assertEquals(4, r.code(), r.toString());
        List<String> lines = Files.readAllLines(events);
        assertTrue(lines.getFirst().contains("\"event\":\"spawn\""), lines.toString());
        String orphan = lines.stream().filter(l -> l.contains("\"event\":\"reap\"") && l.contains("\"main\":false"))
                .findFirst().orElseThrow(() -> new AssertionError("no orphan reap in " + lines));
        assertTrue(orphan.contains("\"comm\":\"sleep\""), orphan);
        assertTrue(orphan.matches(".*\"zombie_ms\":[0-9.]+.*"), orphan);
        assertTrue(lines.getLast().contains("\"event\":\"exit\",\"exit_code\":4"), lines.getLast());
    }

    @Test
    void eventsGoToStdoutWithDash() throws Exception {
        Result r = run(procwardPid1(List.of("--events", "-"), "exit 0"));
        assertTrue(r.out().lines().allMatch(l -> l.startsWith("{\"ts\":")), r.out());
        assertTrue(r.out().contains("\"event\":\"exit\""), r.out());
    }
}
