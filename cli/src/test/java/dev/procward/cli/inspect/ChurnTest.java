package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hundreds of processes start and exit while every command runs: no exception ever escapes. */
class ChurnTest {
    @Test
    void everyCommandSurvivesChurn(@TempDir Path dir) throws Exception {
        try (var live = new LiveProcesses()) {
            // Bursts of 200 short-lived processes (and their zombies, briefly), again and again.
            Process churn = live.start("bash", "-c",
                    "while :; do for i in $(seq 200); do (sleep 0.0$((RANDOM % 5)); :) & done; wait; done");
            LiveProcesses.await("churn to start", () -> churn.descendants().count() > 50);
            List<String> failures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                List<Long> victims = churn.descendants().map(ProcessHandle::pid).limit(20).toList();
                // The churn's own pid keeps the list non-empty between bursts.
                String pids = String.join(",", victims.stream().map(String::valueOf).toList()) + "," + churn.pid();
                pids = pids.startsWith(",") ? pids.substring(1) : pids;
                check(failures, CliRun.of("ps", "-o", "pid,ppid,user,stat,nlwp,%cpu,%mem,vsz,rss,pss,start,time,wchan,comm,args"), true);
                check(failures, CliRun.of("ps", "-L", "-o", "pid,lwp,stat,wchan,comm", "-p", pids), true);
                check(failures, CliRun.of("ps", "--output", "json", "--sort", "-pss", "-o", "pid,pss,args"), true);
                check(failures, CliRun.of("tree", "-p", "-a", Long.toString(churn.pid())), false);
                check(failures, CliRun.of("capture", dir.resolve("c" + round + ".zip").toString(), "-p", pids), true);
                for (long v : victims.subList(0, Math.min(5, victims.size()))) {
                    CliRun r = CliRun.of("inspect", Long.toString(v), "--maps");
                    check(failures, r, false);
                    if (r.code() != 0) assertEquals("procward: no such process: " + v + "\n", r.err());
                }
            }
            assertTrue(churn.isAlive(), "the churn kept running");
            assertEquals(List.of(), failures);
        }
    }

    /** A run fails when it prints a stack trace or an exception, or exits non-zero where it must not. */
    private static void check(List<String> failures, CliRun r, boolean mustSucceed) {
        boolean trace = r.err().contains("Exception") || r.err().contains("\tat ") || r.out().contains("Exception");
        if (trace || (mustSucceed && r.code() != 0)) failures.add("exit " + r.code() + ": " + r.err());
        assertFalse(r.err().lines().count() > 1, r.err());
    }
}
