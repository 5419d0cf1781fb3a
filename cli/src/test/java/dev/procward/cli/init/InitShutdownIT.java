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

/** How procward's own options end a run: TERM during a restart delay, and --grace's KILL beyond the child's group. */
class InitShutdownIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsRoot() {
        requireRootAndUnshare();
    }

    /**
     * The child fails at once, so the init spends its time in the backoff (100 ms doubling). After
     * six runs the next delay is 3.2 s; once the init has no child, TERM ends the cycle: no
     * further run, and the init exits with the last run's status.
     */
    @Test
    void termDuringTheRestartDelayEndsTheCycleWithTheLastStatus() throws Exception {
        Path runs = tmp.resolve("runs");
        Process p = start(concat(asPid1(Inits.PROCWARD.command(List.of("--restart", "on-failure", "--max-restarts", "50"))),
                "/bin/sh", "-c", "echo $$ >> " + runs + "; exit 3"), Map.of());
        long init = namespaceInit(p);
        await("six runs", () -> linesOf(runs).size() >= 6);
        int[] seen = new int[1];
        await("the init is between runs", () -> {
            seen[0] = linesOf(runs).size();
            return childrenOf(init).isEmpty() && linesOf(runs).size() == seen[0];
        });
        ProcessHandle.of(init).orElseThrow().destroy();
        Result r = finish(p);
        assertEquals(seen[0], linesOf(runs).size(), "no run after the TERM: " + r);
        assertEquals(3, r.code(), "the last run's status: " + r);
    }

    /**
     * At PID 1 the KILL after the grace period goes to the whole namespace: it reaches an orphan
     * that left the child's group (setsid) and that orphan's own child, which is nobody's orphan
     * when the KILL is sent. Both ignore TERM; --wait-all makes the init wait until they are gone.
     */
    @Test
    void graceAtPid1KillsTheWholeNamespaceBeyondTheChildsGroup() throws Exception {
        Path ready = tmp.resolve("ready");
        String script = "trap '' TERM; (setsid sh -c \"trap '' TERM; sleep 1000 & touch " + tmp.resolve("orphan")
                + "; wait\" &); while [ ! -e " + tmp.resolve("orphan") + " ]; do sleep 0.01; done; touch " + ready
                + "; while :; do sleep 0.05; done";
        Process p = start(concat(asPid1(Inits.PROCWARD.command(List.of("--grace", "300ms", "--wait-all"))), "/bin/sh", "-c", script), Map.of());
        try {
            awaitFile(ready);
            ProcessHandle.of(namespaceInit(p)).orElseThrow().destroy();
            Result r = finish(p);
            assertEquals(137, r.code(), "every process KILLed, the init waited for them all: " + r);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Not at PID 1 the init cannot kill its namespace: the KILL goes to the child's group and to
     * each adopted orphan, here one in a session of its own.
     */
    @Test
    void graceAsSubreaperKillsTheAdoptedOrphansOutsideTheChildsGroup() throws Exception {
        Path orphanPid = tmp.resolve("orphan-pid");
        String script = "trap '' TERM; (setsid sh -c \"trap '' TERM; echo \\$\\$ > " + orphanPid + ".tmp; mv " + orphanPid + ".tmp "
                + orphanPid + "; exec sleep 1000\" &); while :; do sleep 0.05; done";
        Process p = start(withDefaultSignals(concat(Inits.PROCWARD.command(List.of("--grace", "300ms", "--wait-all")),
                "/bin/sh", "-c", script)), Map.of());
        ProcessHandle orphan = null;
        try {
            awaitFile(orphanPid);
            long pid = Long.parseLong(Files.readString(orphanPid).strip());
            orphan = ProcessHandle.of(pid).orElseThrow();
            await("the init adopted the orphan", () -> parentOf(pid) == p.pid());
            p.destroy();
            Result r = finish(p);
            assertEquals(137, r.code(), r.toString());
            assertFalse(orphan.isAlive(), "the orphan outside the group was KILLed");
        } finally {
            if (orphan != null) orphan.destroyForcibly();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
