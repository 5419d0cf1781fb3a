package dev.procward.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/** The exporter's command line: refusals are one clear line with exit code 2, before anything listens. */
class ExporterCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        var cl = ProcwardCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static void refused(Result r, String expected) {
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void anAddressBeyondLoopbackNeedsAllowRemote() {
        refused(run("exporter", "--listen", "0.0.0.0:9798"), "add --allow-remote");
        refused(run("exporter", "--listen", "[::]:9798"), "add --allow-remote");
    }

    @Test
    void badListenValuesAreRefused() {
        refused(run("exporter", "--listen", "localhost:9798"), "host names are not accepted");
        refused(run("exporter", "--listen", "127.0.0.1"), "is not ADDR:PORT");
    }

    @Test
    void badGroupsAreRefused() {
        refused(run("exporter", "--group", "web=comm:(nginx"), "bad regular expression");
        refused(run("exporter", "--group", "a=x", "--group", "a=y"), "must be unique");
    }

    @Test
    void outOfRangeKnobsAreRefused() {
        refused(run("exporter", "--sample-hz", "1000"), "--sample-hz");
        refused(run("exporter", "--top-pss", "-1"), "top PSS");
        refused(run("exporter", "--max-label-values", "0"), "label budget");
        refused(run("exporter", "--cgroup-root", "/no/such/dir"), "--cgroup-root");
    }

    @Test
    void helpNamesTheSafetyDefaults() {
        Result r = run("exporter", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--allow-remote"));
        assertTrue(r.out().contains("127.0.0.1:9798"));
        assertTrue(r.out().contains("--expose-cmdline"));
    }
}
