package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ZombiesCommandTest {
    private static final long SIGCHLD = 1L << 16;

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses procs = new StartedProcesses();

    private Process zombieParent() throws IOException {
        return procs.start("sh", "-c", "sleep 0 & sleep 0 & sleep 0 & exec sleep 1000");
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

    /** A leaky parent (pid 100, SIGCHLD default, child of {@code parentOf100}) holding two old zombies. */
    private FakeProcRoot leakUnder(FakeProcRoot fake, int parentOf100) throws IOException {
        return fake.process(100, parentOf100, "leaky", 'S', 5_000, 0, "leaky --serve")
                .process(101, 100, "job", 'Z', 600, 0, "")
                .process(102, 100, "job", 'Z', 300, 0, "");
    }

    private JsonNode leakyParent(FakeProcRoot fake) throws IOException {
        CliRun r = CliRun.of("zombies", "--output", "json", "--proc-root", fake.root.toString(),
                "--cgroup-root", fake.cgroup.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode group = parent(Json.mapper().readTree(r.out()), 100);
        assertEquals("RESTART_PARENT", group.get("remedy").asText());
        return group;
    }

    @Test
    void aPid1ThatIsNoInitAndLeavesSigchldAtDefaultIsNotPromisedToReap() throws Exception {
        // The sandbox this was written in: PID 1 is process_api, SIGCHLD at default.
        var fake = leakUnder(new FakeProcRoot(dir, 10_000, 2).process(1, 0, "process_api", 'S', 9_000, 0, "process_api"), 1);
        JsonNode g = leakyParent(fake);
        assertEquals(1, g.get("adopter").get("pid").asInt());
        assertEquals("process_api", g.get("adopter").get("comm").asText());
        assertFalse(g.get("adopter").get("reaps").asBoolean());
        String advice = g.get("advice").asText();
        assertTrue(advice.contains("PID 1 process_api"), advice);
        assertTrue(advice.contains("not known to reap") && advice.contains("may stay"), advice);
        assertFalse(advice.contains("which reaps them"), advice);

        CliRun table = CliRun.of("zombies", "--proc-root", fake.root.toString(), "--cgroup-root", fake.cgroup.toString());
        assertTrue(table.out().contains("1 process_api (init) not reaping?"), table.out());
    }

    @Test
    void aKnownInitAsPid1IsNamedAsTheReaper() throws Exception {
        var fake = leakUnder(new FakeProcRoot(dir, 10_000, 2).process(1, 0, "tini", 'S', 9_000, 0, "tini -- app"), 1);
        JsonNode g = leakyParent(fake);
        assertTrue(g.get("adopter").get("reaps").asBoolean());
        assertTrue(g.get("advice").asText().contains("pass to PID 1 tini, which reaps them."), g.get("advice").asText());
    }

    @Test
    void aPid1ThatCatchesOrIgnoresSigchldReapsAsTheDoctorDecides() throws Exception {
        var catches = leakUnder(new FakeProcRoot(dir.resolve("caught"), 10_000, 2)
                .process(1, 0, "myapp", 'S', 9_000, SIGCHLD, "myapp"), 1);
        assertTrue(leakyParent(catches).get("adopter").get("reaps").asBoolean());
        var ignores = leakUnder(new FakeProcRoot(dir.resolve("ignored"), 10_000, 2)
                .process(1, 0, "myapp", 'S', 9_000, 0, SIGCHLD, "myapp"), 1);
        JsonNode g = leakyParent(ignores);
        assertTrue(g.get("adopter").get("reaps").asBoolean());
        assertTrue(g.get("advice").asText().contains("which reaps them"), g.get("advice").asText());
    }

    @Test
    void aKnownSubreaperBetweenParentAndInitAdoptsAndReaps() throws Exception {
        var fake = leakUnder(new FakeProcRoot(dir, 10_000, 2)
                .process(1, 0, "process_api", 'S', 9_000, 0, "process_api")
                .process(50, 1, "containerd-shim", 'S', 8_000, 0, "containerd-shim -id x"), 50);
        JsonNode g = leakyParent(fake);
        assertEquals(50, g.get("adopter").get("pid").asInt());
        assertTrue(g.get("adopter").get("inferred").asBoolean());
        assertTrue(g.get("adopter").get("reaps").asBoolean());
        assertTrue(g.get("advice").asText().contains("subreaper containerd-shim (pid 50), which reaps them"), g.get("advice").asText());
    }
}
