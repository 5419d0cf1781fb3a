package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest {
    private static Map<String, String> environ(JsonNode report) {
        Map<String, String> m = new HashMap<>();
        for (JsonNode e : report.get("environ").get("entries")) m.put(e.get("name").asText(), e.get("value").asText());
        return m;
    }

    @Test
    void reportsEverySectionOfALiveProcess() throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("env", "DB_PASSWORD=hunter2", "GITHUB_TOKEN=ghp_x", "PLAIN=ok", "sleep", "300");
            LiveProcesses.await("sleep to exec", () -> p.info().command().orElse("").endsWith("sleep")
                    && LiveProcesses.state(p.pid()) == 'S');
            CliRun run = CliRun.of("inspect", Long.toString(p.pid()), "--maps", "--output", "json");
            assertEquals(0, run.code(), run.err());
            JsonNode r = JsonOut.parse(run);
            assertEquals(ProcessHandle.current().pid(), r.get("identity").get("ppid").asLong());
            assertEquals("sleep", r.get("identity").get("comm").asText());
            assertEquals("S", r.get("state").get("code").asText());
            assertEquals(0, r.get("credentials").get("uid").get("effective").get("id").asInt());
            assertEquals(1, r.get("threads").size());
            assertTrue(r.get("memory").get("vmRss").asLong() > 0);
            assertTrue(r.get("memory").get("pss").asLong() > 0, r.get("memory").toString());
            assertTrue(r.get("fds").size() >= 3);
            assertTrue(r.get("paths").get("exe").asText().endsWith("/sleep"), r.get("paths").toString());
            assertTrue(r.get("namespaces").size() >= 7, r.get("namespaces").toString());
            assertEquals("SCHED_OTHER", r.get("scheduling").get("policy").asText());
            assertTrue(r.get("limits").get("limits").size() > 10);
            assertTrue(r.get("maps").get("vmas").size() > 5);
            assertTrue(r.get("maps").get("detailed").asBoolean());
            Map<String, String> env = environ(r);
            assertEquals("<redacted>", env.get("DB_PASSWORD"));
            assertEquals("<redacted>", env.get("GITHUB_TOKEN"));
            assertEquals("ok", env.get("PLAIN"));
            assertEquals("hunter2", environ(JsonOut.parse(CliRun.of("inspect", Long.toString(p.pid()), "--show-secrets", "--output", "json"))).get("DB_PASSWORD"));

            String text = CliRun.of("inspect", Long.toString(p.pid()), "--maps").out();
            for (String section : new String[] {"identity", "state", "credentials", "capabilities", "signals", "memory",
                    "threads (1)", "fds", "paths", "namespaces", "cgroup", "rlimits", "oom", "scheduling", "io",
                    "memory map", "environ"}) {
                assertTrue(text.contains("\n" + section), "section " + section + " in\n" + text);
            }
            assertTrue(text.contains("library"), text);
            assertFalse(text.contains("hunter2"));
        }
    }

    @Test
    void aZombieHasNoMemoryButAReport() throws Exception {
        try (var live = new LiveProcesses()) {
            Process parent = live.startZombieParent();
            LiveProcesses.await("a zombie", () -> parent.children().anyMatch(c -> LiveProcesses.state(c.pid()) == 'Z'));
            long zombie = parent.children().filter(c -> LiveProcesses.state(c.pid()) == 'Z').findFirst().orElseThrow().pid();
            CliRun run = CliRun.of("inspect", Long.toString(zombie), "--output", "json");
            assertEquals(0, run.code(), run.err());
            assertEquals("Z", JsonOut.parse(run).get("state").get("code").asText());
            assertEquals(-1, JsonOut.parse(run).get("memory").get("vmRss").asLong());
            assertEquals(0, JsonOut.parse(run).get("identity").get("cmdline").size());
        }
    }

    @Test
    void unknownOrBadPidIsOneLine() {
        CliRun gone = CliRun.of("inspect", "999999999");
        assertEquals(1, gone.code());
        assertEquals("procward: no such process: 999999999\n", gone.err());
        CliRun bad = CliRun.of("inspect", "abc");
        assertEquals(2, bad.code());
        assertEquals("procward: not a pid: abc\n", bad.err());
    }
}
