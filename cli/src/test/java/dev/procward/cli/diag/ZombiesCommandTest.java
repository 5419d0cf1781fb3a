package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ZombiesCommandTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void kill() throws InterruptedException {
        for (Process p : started) p.destroyForcibly().waitFor();
    }

    private Process zombieParent() throws IOException {
        Process p = new ProcessBuilder("sh", "-c", "sleep 0 & sleep 0 & sleep 0 & exec sleep 1000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    static JsonNode parent(JsonNode report, long pid) {
        for (JsonNode p : report.get("parents")) if (p.get("pid").asLong() == pid) return p;
        return null;
    }

    @Test
    void jsonGroupsRealZombiesUnderTheirParent() throws Exception {
        Process p = zombieParent();
        JsonNode group = null;
        for (int i = 0; i < 1500 && (group == null || group.get("zombieCount").asInt() < 3); i++) {
            CliRun r = CliRun.of("zombies", "--output", "json");
            assertEquals(0, r.code(), r.err());
            group = parent(Json.mapper().readTree(r.out()), p.pid());
            if (group == null || group.get("zombieCount").asInt() < 3) Thread.sleep(20);
        }
        assertNotNull(group, "the parent appears");
        assertEquals(3, group.get("zombieCount").asInt());
        assertEquals("DEFAULT", group.get("sigchld").get("summary").asText());
        assertEquals("RESTART_PARENT", group.get("remedy").asText());
    }

    @Test
    void failOverExitsThreeWhenReachedAndTheTableNamesTheParent() throws Exception {
        Process p = zombieParent();
        CliRun r = null;
        for (int i = 0; i < 1500; i++) {
            r = CliRun.of("zombies", "--fail-over", "1");
            if (r.code() == DiagExitCodes.WARNING && r.out().contains(Long.toString(p.pid()))) break;
            Thread.sleep(20);
        }
        assertEquals(DiagExitCodes.WARNING, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("sleep 1000"), r.out());
        assertTrue(r.out().contains("What to do:"), r.out());
        assertEquals(0, CliRun.of("zombies", "--fail-over", "100000").code());
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        CliRun r = CliRun.of("zombies", "--fail-over", "0");
        assertEquals(2, r.code());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals(1, CliRun.of("zombies", "--proc-root", "/no/such/dir").code());
    }
}
