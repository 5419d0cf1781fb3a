package dev.procward.cli.sim;

import dev.procward.cli.ExitCodes;
import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class SimCommandTest {

    /** One command line in this JVM: the shared helper of the cli tests. */
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void runPrintsTheTimelineInVirtualTimeAndTheFinalTable() {
        CliRun r = run("sim", "run", "zombie-leak");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("scenario zombie-leak"), r.out());
        assertTrue(r.out().contains("exit   5 exited 0 -> zombie"), r.out());
        assertTrue(r.out().contains("[worker] <defunct>"), r.out());
        assertTrue(r.out().contains("[    5.000s] $ expect zombies 12  => as expected"), r.out());
    }

    @Test
    void gracefulShutdownShowsProcwardsOwnLoopKillingAfterTheGracePeriod() {
        CliRun r = run("sim", "run", "graceful-shutdown");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("procward: grace period of 5000 ms is over"), r.out());
        assertTrue(r.out().contains("procward exits with status 0"), r.out());
    }

    @Test
    void aScenarioFileRunsAndAFailedExpectationExits1WithOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.scenario");
        Files.writeString(f, "fork init a\nexit a 0\nexpect a state S\n");
        CliRun r = run("sim", "run", f.toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("expected S, found Z"), r.err());
    }

    @Test
    void anUnknownScenarioIsOneClearLine() {
        CliRun r = run("sim", "run", "no-such-scenario");
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("no shipped scenario 'no-such-scenario'"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void listNamesEveryShippedScenario() {
        CliRun r = run("sim", "list");
        for (String n : new String[]{"zombie-leak", "orphan-storm", "stuck-nfs", "graceful-shutdown", "pid-exhaustion", "demo-host"}) {
            assertTrue(r.out().contains(n), r.out());
        }
    }

    @Test
    void trajectoryPrintsEveryProcessAfterEveryStep() {
        CliRun r = run("sim", "run", "--trajectory", "pid-exhaustion");
        assertTrue(r.out().contains("step 1: reap init => ok"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  \\d+ java S .*thr=\\d+ .*")), r.out());
    }
}
