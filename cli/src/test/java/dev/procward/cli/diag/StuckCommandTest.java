package dev.procward.cli.diag;

import dev.procward.cli.Prerequisite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class StuckCommandTest {
    /** The C helpers live beside the probes tests that use them most. */
    static final Path NATIVE = Path.of("../probes/src/test/resources/native");

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void kill() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
        }
    }

    static boolean cc() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, "cc"))) return true;
        return false;
    }

    private Path compile(String name) throws Exception {
        Prerequisite.require(cc(), "cc is needed to build the test's helpers");
        Path exe = tmp.resolve(name);
        Process p = new ProcessBuilder("cc", "-O", "-o", exe.toString(), NATIVE.resolve(name + ".c").toString()).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "cc " + name);
        return exe;
    }

    static JsonNode json(CliRun r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(r.out());
    }

    @Test
    void aRealVforkParentInDIsGroupedAndCountedAsLoad() throws Exception {
        Process parent = new ProcessBuilder(compile("vfork_block").toString(), "1000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(parent);
        JsonNode row = null;
        JsonNode report = null;
        for (int i = 0; i < 60 && row == null; i++) {
            report = json(CliRun.of("stuck", "--output", "json", "--duration", "300ms", "--hz", "10", "-g", "pid,comm,state,syscall"));
            for (JsonNode r : report.get("rows")) {
                if (r.get("group").get("pid").asLong() == parent.pid()) row = r;
            }
        }
        assertNotNull(row, "the vfork parent is sampled in D");
        assertEquals("D", row.get("group").get("state").asText());
        assertEquals("vfork_block", row.get("group").get("comm").asText());
        assertTrue(row.get("samples").asInt() >= 1);
        assertTrue(report.get("load").get("avgBlocked").asDouble() > 0);
        assertEquals(List.of("pid", "comm", "state", "syscall"),
                Json.mapper().convertValue(report.get("groupBy"), List.class));
    }

    @Test
    void allStatesAddsRunningThreadsAndTheTableHasTheChosenColumns() throws Exception {
        Process spin = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        started.add(spin);
        CliRun r = null;
        for (int i = 0; i < 30; i++) {
            r = CliRun.of("stuck", "-a", "--duration", "300ms", "-g", "pid,comm,state");
            if (r.out().contains(Long.toString(spin.pid()))) break;
        }
        assertTrue(r.out().contains("SAMPLES") && r.out().contains("AVG_THREADS") && r.out().contains("COMM"), r.out());
        assertTrue(r.out().contains(Long.toString(spin.pid())), r.out());
        assertTrue(r.out().contains("load"), r.out());
    }

    @Test
    void aCaptureIsSweptOnceAndSaidToBeASingleSnapshot() throws Exception {
        Path zip = tmp.resolve("host.zip");
        CliRun cap = CliRun.of("capture", zip.toString(), "-p", "1," + ProcessHandle.current().pid());
        assertEquals(0, cap.code(), cap.err());

        // 10 Hz for 2 s would be 20 sweeps of a live root; a capture's one frozen snapshot gets one.
        JsonNode report = json(CliRun.of("stuck", "--proc-root", zip.toString(), "-a", "--hz", "10", "--duration", "2s",
                "--output", "json"));
        assertEquals(1, report.get("sweeps").asInt(), report.toString());
        assertEquals("capture", report.get("source").asText());
        assertTrue(report.get("note").asText().contains("single snapshot from a capture"), report.toString());
        assertTrue(report.get("load").get("threads").asInt() > 1, "the captured JVM's threads are swept: " + report);

        CliRun human = CliRun.of("stuck", "--proc-root", zip.toString(), "--hz", "10", "--duration", "2s");
        assertEquals(0, human.code(), human.err());
        assertTrue(human.out().startsWith("One sweep of a capture"), human.out());
        assertTrue(human.out().contains("single snapshot from a capture"), human.out());
        assertFalse(human.out().contains("Sampled "), human.out());
    }

    @Test
    void aLiveRootIsSaidToBeLive() throws Exception {
        JsonNode report = json(CliRun.of("stuck", "--output", "json", "--duration", "300ms", "--hz", "10"));
        assertEquals("live", report.get("source").asText());
        assertTrue(report.get("note").isNull());
        assertTrue(report.get("sweeps").asInt() <= 3, "about hz x duration: " + report.get("sweeps"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun bad = CliRun.of("stuck", "-g", "comm,color");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown column 'color'"), bad.err());
        assertEquals(2, CliRun.of("stuck", "--hz", "0").code());
        assertEquals(2, CliRun.of("stuck", "--duration", "soon").code());
    }
}
