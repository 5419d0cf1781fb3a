package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SignalCommandTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aWholeProcessGroupIsSignalledAndWaitedFor() throws Exception {
        // setsid makes sh the leader of a new session and process group holding two sleeps.
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "echo $$; sleep 1000 & sleep 1000 & wait").start();
        started.add(leader);
        int pgid = Integer.parseInt(new BufferedReader(new InputStreamReader(leader.getInputStream())).readLine().strip());
        CliRun r = null;
        for (int i = 0; i < 200; i++) {
            r = CliRun.of("signal", "-n", "TERM", "--pgid", Integer.toString(pgid));
            if (r.out().split("\n").length >= 4) break; // header lines + sh + two sleeps
            Thread.sleep(20);
        }
        assertEquals(3, r.out().lines().filter(l -> l.matches("\\s*\\d+ .*")).count(), r.out());
        CliRun sent = CliRun.of("signal", "KILL", "--pgid", Integer.toString(pgid), "--wait", "20s", "--output", "json");
        assertEquals(0, sent.code(), sent.out() + sent.err());
        JsonNode report = Json.mapper().readTree(sent.out());
        assertEquals("SIGKILL", report.get("name").asText());
        for (JsonNode t : report.get("targets")) {
            assertTrue(t.get("sent").asBoolean());
            assertTrue(t.get("gone").asBoolean(), t.toString());
        }
    }

    @Test
    void aWholeSessionIsListedByADryRunThenSignalled() throws Exception {
        // setsid makes sh the leader of a new session holding sh and two sleeps, and nothing else.
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "echo $$; sleep 1000 & sleep 1000 & wait").start();
        started.add(leader);
        String sid = new BufferedReader(new InputStreamReader(leader.getInputStream())).readLine().strip();
        JsonNode targets = null;
        for (int i = 0; i < 200; i++) {
            CliRun r = CliRun.of("signal", "--dry-run", "TERM", "--sid", sid, "--output", "json");
            assertEquals(0, r.code(), r.err());
            targets = Json.mapper().readTree(r.out()).get("targets");
            if (targets.size() >= 3) break;
            Thread.sleep(20);
        }
        assertEquals(3, targets.size(), targets.toString());
        List<String> comms = new ArrayList<>();
        for (JsonNode t : targets) comms.add(t.get("comm").asText());
        assertEquals(List.of("sh", "sleep", "sleep"), comms.stream().sorted().toList());
        assertTrue(leader.isAlive(), "a dry run sends nothing");

        CliRun sent = CliRun.of("signal", "KILL", "--sid", sid, "--wait", "20s", "--output", "json");
        assertEquals(0, sent.code(), sent.out() + sent.err());
        for (JsonNode t : Json.mapper().readTree(sent.out()).get("targets")) assertTrue(t.get("gone").asBoolean(), t.toString());
        assertEquals(2, CliRun.of("signal", "TERM", "--sid", "0").code());
        assertEquals(2, CliRun.of("signal", "TERM", "--sid", sid, "--pgid", sid).code(), "two targets");
    }

    @Test
    void aPatternReachesEveryMatchAndTheTableSaysWhatHappened() throws Exception {
        for (int i = 0; i < 2; i++) started.add(new ProcessBuilder("sleep", "4321.25").start());
        CliRun r = CliRun.of("signal", "TERM", "-f", "^sleep 4321\\.25$", "--wait", "20s");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains("4321.25")).count(), r.out());
        assertTrue(r.out().contains("SIGTERM"));
    }

    @Test
    void mistakesAreOneLineErrorsWithDocumentedCodes() {
        assertEquals(2, CliRun.of("signal", "NOPE", "1").code());
        assertEquals(2, CliRun.of("signal", "TERM").code(), "no target");
        assertEquals(2, CliRun.of("signal", "TERM", "123", "--pgid", "5").code(), "two targets");
        assertEquals(2, CliRun.of("signal", "TERM", "[unclosed").code());
        CliRun none = CliRun.of("signal", "TERM", "no-such-process-name-xyz");
        assertEquals(1, none.code());
        assertTrue(none.err().startsWith("procward: no process matches"), none.err());
        assertEquals(2, CliRun.of("signal", "TERM", "1", "--proc-root", "/tmp").code());
    }
}
