package dev.procward.cli;

import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.*;

/** The exporter's command line: refusals are one clear line with exit code 2, before anything listens. */
class ExporterCommandTest {

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static void refused(CliRun r, String expected) {
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
        CliRun r = run("exporter", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--allow-remote"));
        assertTrue(r.out().contains("127.0.0.1:9798"));
        assertTrue(r.out().contains("--expose-cmdline"));
    }
}
