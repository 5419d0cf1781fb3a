package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A capture reads back through every inspector exactly as the live /proc did. */
class CaptureRoundTripTest {
    @Test
    void psTreeAndInspectReadACapture(@TempDir Path dir) throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("env", "API_SECRET=s3cr3t", "sleep", "300");
            // Wait until the kernel itself names it sleep: env has exec'd, not just been spawned.
            LiveProcesses.await("sleep", () -> {
                try {
                    return java.nio.file.Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip().equals("sleep");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            String self = Long.toString(ProcessHandle.current().pid());
            String child = Long.toString(p.pid());
            Path zip = dir.resolve("host.zip");
            CliRun cap = CliRun.of("capture", zip.toString(), "-p", "1," + self + "," + child);
            assertEquals(0, cap.code(), cap.err());
            assertTrue(cap.out().startsWith("captured 3 processes"), cap.out());

            try (ZipFile z = new ZipFile(zip.toFile())) {
                ZipEntry env = z.getEntry(child + "/environ");
                String text = new String(z.getInputStream(env).readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(text.contains("API_SECRET=<redacted>"), text);
                assertFalse(text.contains("s3cr3t"));
                assertTrue(z.getEntry("uptime") != null && z.getEntry("sys/kernel/pid_max") != null);
            }
            p.destroyForcibly().waitFor(); // the capture outlives the process

            JsonNode rows = JsonOut.parse(CliRun.of("ps", "--proc-root", zip.toString(), "-o", "pid,ppid,comm,user",
                    "--output", "json")).get("processes");
            assertEquals(3, rows.size(), rows.toString());
            // Found by pid, not by position: after a pid wrap the child's pid can be below our own.
            JsonNode sleep = null;
            for (JsonNode r : rows) if (r.get("pid").asText().equals(child)) sleep = r;
            assertTrue(sleep != null, rows.toString());
            assertEquals("sleep", sleep.get("comm").asText());
            assertEquals(self, sleep.get("ppid").asText());
            assertEquals("root", sleep.get("user").asText());

            CliRun tree = CliRun.of("tree", "--proc-root", zip.toString(), "-A", "-T", self);
            assertEquals("java---sleep\n", tree.out());

            JsonNode report = JsonOut.parse(CliRun.of("inspect", "--proc-root", zip.toString(), child, "--output", "json"));
            assertEquals("sleep", report.get("identity").get("comm").asText());
            assertTrue(report.get("fds").size() >= 3, report.get("fds").toString());
            assertTrue(report.get("namespaces").size() >= 7);
            assertTrue(report.get("memory").get("pss").asLong() > 0);
        }
    }

    @Test
    void rejectsFilesThatAreNoCapture(@TempDir Path dir) throws IOException {
        Path notZip = Files.writeString(dir.resolve("x.zip"), "hello");
        CliRun r = CliRun.of("ps", "--proc-root", notZip.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("procward: --proc-root " + notZip + ": not a procward capture"), r.err());

        Path hostile = dir.resolve("evil.zip");
        try (var z = new ZipOutputStream(Files.newOutputStream(hostile))) {
            z.putNextEntry(new ZipEntry(".procward/capture.properties"));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("../../escaped"));
            z.write(1);
            z.closeEntry();
        }
        CliRun evil = CliRun.of("ps", "--proc-root", hostile.toString());
        assertEquals(1, evil.code());
        assertTrue(evil.err().contains("escapes the capture"), evil.err());
    }
}
