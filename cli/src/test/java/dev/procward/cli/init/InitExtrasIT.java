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

    @Test
    void forwardsEveryCatchableSignalIncludingUsr2WhichHotSpotWouldKeep() throws Exception {
        List<String> signals = List.of("HUP", "INT", "QUIT", "USR1", "USR2", "PIPE", "ALRM", "TERM", "WINCH", "URG", "XCPU", "PWR");
        Path log = tmp.resolve("received");
        Path ready = tmp.resolve("ready");
        StringBuilder traps = new StringBuilder();
        for (String s : signals) traps.append("trap 'echo ").append(s).append(" >> ").append(log).append("' ").append(s).append("; ");
        Process p = start(procwardPid1(List.of(), traps + "touch " + ready + "; while [ $(wc -l < " + log + " 2>/dev/null || echo 0) -lt "
                + signals.size() + " ]; do sleep 0.05; done"), Map.of());
        awaitFile(ready);
        long init = namespaceInit(p);
        for (int i = 0; i < signals.size(); i++) {
            new ProcessBuilder("kill", "-" + signals.get(i), Long.toString(init)).start().waitFor();
            long end = System.nanoTime() + TIMEOUT.toNanos();
            while ((Files.exists(log) ? Files.readAllLines(log).size() : 0) <= i) {
                if (System.nanoTime() > end) fail("not forwarded: " + signals.get(i));
                Thread.sleep(20);
            }
        }
        Result r = finish(p);
        assertEquals(0, r.code(), r.toString());
        assertEquals(signals, Files.readAllLines(log));
    }

    @Test
    void userNiceAndSchedApplyToTheChildOnly() throws Exception {
        Result r = run(procwardPid1(List.of("--user", "nobody", "--nice", "7", "--sched", "batch"),
                "id -u; id -g; read -r s < /proc/self/stat; set -- ${s##*) }; echo nice=${17}; chrt -p $$ | head -1"));
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.outLines();
        assertEquals("65534", lines.get(0), r.toString());
        assertEquals("nice=7", lines.get(2), r.toString());
        assertTrue(lines.get(3).endsWith("SCHED_BATCH"), r.toString());
    }

    @Test
    void deadlineSchedulingIsAppliedThroughSchedSetattr() throws Exception {
        // A SCHED_DEADLINE task cannot fork, so procward sets it right after the exec: watch the
        // child from outside until the kernel reports it.
        Process p = start(concat(asPid1(Inits.PROCWARD.command(List.of("--sched", "deadline:1ms/10ms/10ms"))), "sleep", "30"), Map.of());
        try {
            long end = System.nanoTime() + TIMEOUT.toNanos();
            String policy = "";
            while (!policy.contains("SCHED_DEADLINE") && System.nanoTime() < end) {
                var sleeper = p.toHandle().descendants().filter(h -> h.info().command().orElse("").endsWith("sleep")).findFirst();
                if (sleeper.isPresent()) policy = run(List.of("chrt", "-p", Long.toString(sleeper.get().pid()))).out();
                Thread.sleep(20);
            }
            assertTrue(policy.contains("SCHED_DEADLINE"), policy);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void schedCommandShowsAndChangesAPolicyLikeChrt() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            String pid = Long.toString(sleeper.pid());
            Result set = run(List.of(Inits.launcher().toString(), "sched", pid, "--policy", "rr:7", "--output", "json"));
            assertEquals(0, set.code(), set.toString());
            assertTrue(set.out().contains("\"policy\" : \"rr:7\""), set.out());
            Result chrt = run(List.of("chrt", "-p", pid));
            assertTrue(chrt.out().contains("SCHED_RR") && chrt.out().contains("priority: 7"), chrt.out());
            Result missing = run(List.of(Inits.launcher().toString(), "sched", "999999999"));
            assertEquals(1, missing.code());
            assertTrue(missing.err().contains("no such process"), missing.err());
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
