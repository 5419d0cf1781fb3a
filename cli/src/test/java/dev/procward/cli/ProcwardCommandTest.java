package dev.procward.cli;

import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

class ProcwardCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void unknownSubcommandIsOneClearLineWithHintAndExit2() {
        CliRun r = run("frobnicate");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("procward: Unmatched argument"), r.err());
        assertTrue(r.err().contains("--help"), r.err());
        assertFalse(r.err().contains("at dev.procward"), "no stack trace: " + r.err());
    }

    @Test
    void badOptionExits2() {
        CliRun r = run("--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void helpListsExitCodes() {
        CliRun r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void versionNamesTheJvm() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("procward "), r.out());
        assertTrue(r.out().contains("JVM: 25"), r.out());
    }
}
