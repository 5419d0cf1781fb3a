package dev.procward.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.diag.CliRun;
import dev.procward.cli.diag.DiagExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** zombies, doctor and signal --dry-run read a capture as they read the live /proc it came from. */
class CaptureDiagnosticsRoundTripTest {
    @TempDir Path dir;

    private Path capture(String pids) {
        Path zip = dir.resolve("host-" + System.nanoTime() + ".zip");
        CliRun cap = CliRun.of("capture", zip.toString(), "-p", pids);
        assertEquals(0, cap.code(), cap.err());
        return zip;
    }

    private static long zombieChildOf(long parent) throws InterruptedException {
        long[] found = {-1};
        LiveProcesses.await("a zombie child of " + parent, () -> {
            try (Stream<Path> s = Files.list(Path.of("/proc"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).forEach(n -> {
                    try {
                        String st = Files.readString(Path.of("/proc", n, "stat"));
                        String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
                        if (f[0].equals("Z") && Long.parseLong(f[1]) == parent) found[0] = Long.parseLong(n);
                    } catch (IOException | RuntimeException e) {
                        // raced with an exit
                    }
                });
            } catch (IOException e) {
                return false;
            }
            return found[0] > 0;
        });
        return found[0];
    }

    @Test
    void zombiesReadsACaptureAfterTheParentIsGone() throws Exception {
        try (var live = new LiveProcesses()) {
            Process parent = live.startZombieParent();
            long zombie = zombieChildOf(parent.pid());
            Path zip = capture(parent.pid() + "," + zombie + "," + ProcessHandle.current().pid());
            parent.destroyForcibly().waitFor(); // the capture outlives the zombie and its parent

            CliRun r = CliRun.of("zombies", "--proc-root", zip.toString(), "--output", "json");
            assertEquals(0, r.code(), r.err());
            JsonNode group = null;
            for (JsonNode p : JsonOut.parse(r).get("parents")) if (p.get("pid").asLong() == parent.pid()) group = p;
            assertNotNull(group, r.out());
            assertEquals(1, group.get("zombieCount").asInt(), group.toString());
            assertEquals("sleep 300", group.get("cmdline").asText(), group.toString());

            CliRun failOver = CliRun.of("zombies", "--proc-root", zip.toString(), "--fail-over", "1");
            assertEquals(DiagExitCodes.WARNING, failOver.code(), failOver.out() + failOver.err());
            assertTrue(failOver.out().contains(Long.toString(parent.pid())), failOver.out());
        }
    }

    @Test
    void doctorOnACaptureJudgesContainerAndKernelLogAsTheLiveRunDid() {
        String self = Long.toString(ProcessHandle.current().pid());
        JsonNode live = JsonOut.parse(CliRun.of("doctor", "--output", "json", "--sample", "0")).get("facts");
        Path zip = capture("1," + self);
        CliRun r = CliRun.of("doctor", "--proc-root", zip.toString(), "--output", "json", "--sample", "0");
        assertTrue(r.code() == 0 || r.code() == DiagExitCodes.WARNING || r.code() == DiagExitCodes.CRITICAL, r.err());
        JsonNode captured = JsonOut.parse(r).get("facts");
        assertEquals(live.get("inContainer"), captured.get("inContainer"), captured.toString());
        assertEquals(live.get("containerSigns"), captured.get("containerSigns"));
        // The same log (or the same reason it is unreadable), not "missing" because it is a capture.
        assertEquals(live.get("kernelLogGap"), captured.get("kernelLogGap"), captured.toString());
        assertEquals(live.get("oomKillsInLog").asInt() < 0, captured.get("oomKillsInLog").asInt() < 0);
    }

    @Test
    void signalDryRunListsTheCapturedTargetAndSendsNothing() throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("sleep", "4321.75");
            LiveProcesses.await("sleep", () -> LiveProcesses.state(p.pid()) == 'S');
            Path zip = capture(p.pid() + "," + ProcessHandle.current().pid());

            CliRun r = CliRun.of("signal", "-n", "TERM", Long.toString(p.pid()), "--proc-root", zip.toString(), "--output", "json");
            assertEquals(0, r.code(), r.err());
            JsonNode targets = JsonOut.parse(r).get("targets");
            assertEquals(1, targets.size(), targets.toString());
            assertEquals(p.pid(), targets.get(0).get("pid").asLong());
            assertEquals("sleep 4321.75", targets.get(0).get("cmdline").asText());
            CliRun byPattern = CliRun.of("signal", "-n", "TERM", "-f", "^sleep 4321\\.75$", "--proc-root", zip.toString());
            assertEquals(0, byPattern.code(), byPattern.err());
            assertTrue(byPattern.out().contains(Long.toString(p.pid())), byPattern.out());
            assertTrue(p.isAlive(), "a dry run sends nothing");

            CliRun real = CliRun.of("signal", "TERM", Long.toString(p.pid()), "--proc-root", zip.toString());
            assertEquals(2, real.code(), real.err());
            assertTrue(p.isAlive(), "a capture's process is never signalled");
        }
    }
}
