package dev.procward.cli.sim;

import dev.procward.cli.ExitCodes;
import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.procward.cli.sim.SimCommandTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** The inspectors, unchanged, look at the simulated host and at OSHI's process list. */
class BackendTest {

    @AfterEach
    void realHostAgain() {
        System.clearProperty("procward.host.os");
    }

    @Test
    void psOnTheSimulatedHostShowsItsProcessesAndStates() {
        CliRun r = run("--backend", "sim", "ps");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("web-server"), r.out());
        assertTrue(r.out().contains("rsync"), r.out());
        assertTrue(r.err().startsWith("procward: simulated host (scenario demo-host"), r.err());
    }

    @Test
    void zombiesOnTheSimulatedHostFindsTheLeakingWebServer() {
        CliRun r = run("--backend", "sim", "zombies");
        assertTrue(r.out().contains("web-server"), r.out() + r.err());
        assertTrue(r.out().contains("5"), r.out());
    }

    @Test
    void stuckOnTheSimulatedHostFindsTheBackupBlockedOnNfs() {
        CliRun r = run("--backend", "sim", "stuck", "--duration", "200ms");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("rsync"), r.out());
        assertTrue(r.out().contains("nfs_wait_on_request"), r.out());
    }

    @Test
    void doctorRunsOnTheSimulatedHost() {
        CliRun r = run("--backend", "sim", "doctor");
        assertFalse(r.out().isBlank(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void offLinuxAutoServesPsFromOshiAndRunsLinuxOnlyCommandsOnTheSimulatorWithABanner() {
        System.setProperty("procward.host.os", "Mac OS X");
        CliRun z = run("zombies");
        assertEquals(1, z.err().lines().filter(l -> l.contains("zombies needs Linux; showing the simulated host")).count(), z.err());
        assertTrue(z.out().contains("web-server"), z.out());
        CliRun ps = run("ps");
        assertEquals(ExitCodes.OK, ps.code(), ps.err());
        assertFalse(ps.err().contains("simulated"), ps.err());
        assertTrue(ps.out().contains(String.valueOf(ProcessHandle.current().pid())), "OSHI lists this very JVM");
    }

    @Test
    void initRunsProcwardsOwnLoopOnTheSimulatedKernelAndPassesTheExitCodeThrough() {
        var saved = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertEquals(3, dev.procward.cli.Main.run("--backend", "sim", "init", "--", "sh", "-c", "sleep 2; exit 3"));
            assertEquals(128 + 15, dev.procward.cli.Main.run("--backend", "sim", "init", "--", "sh", "-c", "kill -TERM $$"));
        } finally {
            System.setErr(saved);
        }
        String err = captured.toString();
        assertTrue(err.contains("procward: init on the simulated kernel"), err);
        assertTrue(err.contains("[    2.000s] exit   2 exited 3 -> zombie"), err);
    }

    @Test
    void signalRefusesToRunOnARenderedHostBecauseItWouldHitRealPids() {
        CliRun r = run("--backend", "sim", "signal", "TERM", "1");
        assertEquals(ExitCodes.FAILURE, r.code(), r.out());
        assertTrue(r.err().contains("signal acts on real processes"), r.err());
    }

    @Test
    void backendLinuxOffLinuxIsAClearError() {
        System.setProperty("procward.host.os", "Windows 11");
        CliRun r = run("--backend", "linux", "ps");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("this host runs Windows 11, not Linux"), r.err());
    }
}
