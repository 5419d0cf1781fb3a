package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The packaged jar, as users run it: doctor, zombies, stuck and signal end to end. */
class DiagnosticsIT {
    static final Path JAR = Path.of("target/procward.jar");

    record Run(int code, String out, String err) {}

    static Run procward(String... args) throws Exception {
        assertTrue(Files.exists(JAR), "packaged jar at " + JAR.toAbsolutePath());
        var cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out), new String(err));
    }

    @Test
    void doctorPrintsTenFindingsAndExitsWithTheWorstSeverity() throws Exception {
        Run r = procward("doctor", "--output", "json", "--sample", "200ms");
        JsonNode report = Json.mapper().readTree(r.out());
        assertEquals(10, report.get("findings").size(), r.out());
        int expected = switch (report.get("worst").asText()) {
            case "WARNING" -> 3;
            case "CRITICAL" -> 4;
            default -> 0;
        };
        assertEquals(expected, r.code(), r.err());
    }

    @Test
    void zombiesFailOverSeesARealZombie() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 1000").start();
        try {
            Run r = null;
            for (int i = 0; i < 100; i++) {
                r = procward("zombies", "--fail-over", "1");
                if (r.code() == 3 && r.out().contains(Long.toString(parent.pid()))) break;
            }
            assertEquals(3, r.code(), r.out() + r.err());
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void stuckAndSignalRunFromTheJar() throws Exception {
        assertEquals(0, procward("stuck", "--duration", "300ms", "--output", "json").code());
        Process target = new ProcessBuilder("sleep", "777.5").start();
        try {
            Run r = procward("signal", "TERM", Long.toString(target.pid()), "--wait", "30s");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(Set.of("gone", "exited (zombie)").stream().anyMatch(r.out()::contains), r.out());
        } finally {
            target.destroyForcibly().waitFor();
        }
    }
}
