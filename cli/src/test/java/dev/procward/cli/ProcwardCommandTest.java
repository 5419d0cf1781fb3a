package dev.procward.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

class ProcwardCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        var cl = ProcwardCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void unknownSubcommandIsOneClearLineWithHintAndExit2() {
        Result r = run("frobnicate");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().startsWith("procward: Unmatched argument"), r.err());
        assertTrue(r.err().contains("--help"), r.err());
        assertFalse(r.err().contains("at dev.procward"), "no stack trace: " + r.err());
    }

    @Test
    void badOptionExits2() {
        Result r = run("--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void helpListsExitCodes() {
        Result r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void versionNamesTheJvm() {
        Result r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("procward "), r.out());
        assertTrue(r.out().contains("JVM: 25"), r.out());
    }
}
