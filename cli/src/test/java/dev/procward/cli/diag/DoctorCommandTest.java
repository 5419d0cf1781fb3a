package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DoctorCommandTest {
    static final List<String> CHECKS = List.of("pid1", "zombies", "dstate", "pids", "fds", "memory", "cgroup-memory",
            "oom-risk", "load", "oom-kills");
    static final Map<String, Integer> CODE = Map.of("OK", 0, "INFO", 0, "WARNING", 3, "CRITICAL", 4);

    @TempDir
    Path dir;

    static Map<String, JsonNode> byCheck(JsonNode report) {
        var m = new java.util.LinkedHashMap<String, JsonNode>();
        for (JsonNode f : report.get("findings")) m.put(f.get("check").asText(), f);
        return m;
    }

    @Test
    void onThisHostEveryCheckReportsAndTheExitCodeIsTheWorstSeverity() throws Exception {
        CliRun r = CliRun.of("doctor", "--output", "json", "--sample", "200ms");
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals(CHECKS, new ArrayList<>(byCheck(report).keySet()));
        assertEquals(CODE.get(report.get("worst").asText()), r.code(), r.err());
        for (JsonNode f : report.get("findings")) {
            if (f.get("severity").asText().matches("WARNING|CRITICAL")) assertFalse(f.get("remedy").asText().isEmpty(), f.toString());
        }
        assertTrue(report.get("facts").get("processes").asInt() > 1);
    }

    @Test
    void aPid1ThatLeavesOldZombiesIsCriticalAndExitsFour() throws Exception {
        var fake = new FakeProcRoot(dir, 10_000, 2)
                .process(1, 0, "node", 'S', 9_000, 0, "node server.js")
                .process(50, 1, "worker", 'Z', 600, 0, "")
                .process(51, 1, "worker", 'Z', 300, 0, "")
                .process(60, 1, "bash", 'S', 100, 1L << 16, "bash");
        CliRun r = CliRun.of("doctor", "--output", "json", "--sample", "0", "--proc-root", fake.root.toString(),
                "--cgroup-root", fake.cgroup.toString(), "--kernel-log", dir.resolve("none").toString());
        JsonNode report = Json.mapper().readTree(r.out());
        var f = byCheck(report);
        assertEquals("CRITICAL", f.get("pid1").get("severity").asText(), f.get("pid1").toString());
        assertTrue(f.get("pid1").get("remedy").asText().contains("procward init"));
        assertEquals("WARNING", f.get("zombies").get("severity").asText());
        assertEquals("REPLACE_INIT", report.get("zombies").get("parents").get(0).get("remedy").asText());
        assertEquals(DiagExitCodes.CRITICAL, r.code());
    }

    @Test
    void cgroupMemoryAtItsLimitIsCriticalAndOomKillsCountedThereWarn() throws Exception {
        var fake = new FakeProcRoot(dir, 10_000, 4)
                .process(1, 0, "tini", 'S', 9_000, 1L << 16, "tini -- app")
                .process(7, 1, "app", 'S', 9_000, 0, "app")
                .cgroupFile("cgroup.controllers", "memory pids")
                .cgroupFile("memory.current", "1000000000")
                .cgroupFile("memory.max", "1010000000")
                .cgroupFile("memory.events", "oom 2\noom_kill 2\n")
                .cgroupFile("pids.current", "2")
                .cgroupFile("pids.max", "max");
        CliRun r = CliRun.of("doctor", "--output", "json", "--sample", "0", "--proc-root", fake.root.toString(),
                "--cgroup-root", fake.cgroup.toString(), "--kernel-log", dir.resolve("none").toString());
        var f = byCheck(Json.mapper().readTree(r.out()));
        assertEquals("OK", f.get("pid1").get("severity").asText());
        assertEquals("CRITICAL", f.get("cgroup-memory").get("severity").asText(), f.get("cgroup-memory").toString());
        assertEquals("WARNING", f.get("oom-kills").get("severity").asText());
        assertEquals(DiagExitCodes.CRITICAL, r.code());
    }

    @Test
    void theTableFitsOneScreenAndNamesEveryCheck() {
        CliRun r = CliRun.of("doctor", "--sample", "100ms");
        for (String c : CHECKS) assertTrue(r.out().contains(c), c + " in\n" + r.out());
        assertTrue(r.out().lines().count() <= 40, r.out());
        assertTrue(r.out().contains("Top memory (PSS)"));
    }

    @Test
    void aSavedKernelLogIsSearchedForOomKills() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("dmesg.txt"),
                "[ 9990.5] Out of memory: Killed process 4242 (hog) total-vm:1kB, anon-rss:900kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n");
        var fake = new FakeProcRoot(dir, 10_000, 2).process(1, 0, "systemd", 'S', 9_000, 1L << 16, "/sbin/init");
        CliRun r = CliRun.of("doctor", "--output", "json", "--sample", "0", "--proc-root", fake.root.toString(),
                "--cgroup-root", fake.cgroup.toString(), "--kernel-log", dir.resolve("dmesg.txt").toString());
        var f = byCheck(Json.mapper().readTree(r.out()));
        assertEquals("WARNING", f.get("oom-kills").get("severity").asText());
        assertTrue(f.get("oom-kills").get("summary").asText().contains("4242 hog"), f.get("oom-kills").toString());
        assertTrue(f.get("oom-kills").get("summary").asText().contains("host out of memory"));
    }
}
