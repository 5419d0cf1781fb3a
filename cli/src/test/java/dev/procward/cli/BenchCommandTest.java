package dev.procward.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.procward.cli.ProcwardCommandTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** {@code procward bench spawn} end to end in this JVM: tiny parents, two spawns a cell. */
class BenchCommandTest {

    private static CliRun tinyRun(Path chart, String output) {
        return run("bench", "spawn", "--parent-rss", "8m", "--methods", "pb-posix-spawn,ffm-clone-floor",
                "--iterations", "2", "--warmup", "1", "--jit-warmup", "3", "--no-progress", "--chart", chart.toString(),
                "--json-file", chart + ".json", "--output", output);
    }

    @Test
    void jsonFollowsTheDocumentedSchema(@TempDir Path dir) throws Exception {
        CliRun r = tinyRun(dir.resolve("chart"), "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());

        assertEquals(1, root.get("schemaVersion").asInt());
        JsonNode machine = root.get("machine");
        for (String field : List.of("kernel", "cpuModel", "glibc", "jdk", "thpMode", "loadAverage")) {
            assertTrue(machine.get(field).isTextual(), field + " in " + machine);
        }
        assertTrue(machine.get("cpus").isInt());
        assertTrue(machine.get("memTotalBytes").isIntegralNumber());

        JsonNode settings = root.get("settings");
        assertEquals(2, settings.get("iterations").asInt());
        assertEquals(1, settings.get("warmup").asInt());
        assertEquals("8m", settings.get("parentSizes").get(0).asText());
        assertTrue(settings.get("maxSecondsPerCell").isNumber());

        JsonNode cells = root.get("cells");
        assertTrue(cells.isArray() && !cells.isEmpty(), r.out());
        JsonNode pb = null;
        for (JsonNode cell : cells) if (cell.get("method").asText().equals("pb-posix-spawn")) pb = cell;
        assertNotNull(pb, "the ProcessBuilder row was measured: " + root.get("unavailable"));
        for (String field : List.of("method", "label", "target", "parent")) assertTrue(pb.get(field).isTextual(), field);
        for (String field : List.of("parentBytes", "parentPid", "parentRssBytes", "parentAnonHugeBytes", "jitWarmupSpawns")) {
            assertTrue(pb.get(field).isIntegralNumber(), field);
        }
        assertTrue(pb.get("hugePages").isBoolean());
        assertTrue(pb.get("timeCapped").isBoolean());
        assertEquals(0, pb.get("group").asInt());
        assertEquals(3, pb.get("spawned").asInt());
        assertEquals(0, pb.get("unreapedAfter").asInt());
        JsonNode latency = pb.get("latency");
        assertEquals(2, latency.get("count").asInt());
        for (String field : List.of("minMicros", "medianMicros", "p90Micros", "p99Micros", "maxMicros")) {
            assertTrue(latency.get(field).isNumber() && latency.get(field).asDouble() > 0, field);
        }

        assertTrue(root.get("unavailable").isArray());
        assertTrue(root.get("targets").isArray());
        assertTrue(root.get("trends").isArray());
        assertTrue(root.get("verdict").isTextual() && root.get("verdict").asText().endsWith("."));
        assertEquals(0, root.get("leftoverChildren").asInt());
        assertTrue(root.get("elapsedSeconds").isNumber());
        assertEquals(2, root.get("charts").size());
    }

    @Test
    void tableShowsPercentilesMachineFactsAndVerdictAndTheChartIsWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
        CliRun r = tinyRun(dir.resolve("spawn-chart"), "table");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String word : List.of("MEDIAN", "P90", "P99", "MAX", "machine: Linux", "glibc", "THP", "verdict:",
                "ProcessBuilder POSIX_SPAWN (default)", "FFM clone(VM|VFORK)+_exit floor")) {
            assertTrue(r.out().contains(word), word + " missing from:\n" + r.out());
        }
        byte[] png = Files.readAllBytes(dir.resolve("spawn-chart.png"));
        assertTrue(png.length > 1000);
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        String svg = Files.readString(dir.resolve("spawn-chart.svg"));
        assertTrue(svg.contains("<svg"), "an SVG document");
        assertTrue(r.out().contains("chart: " + dir.resolve("spawn-chart.png")), r.out());
        JsonNode saved = new ObjectMapper().readTree(dir.resolve("spawn-chart.json").toFile());
        assertEquals(1, saved.get("schemaVersion").asInt(), "--json-file saves the report beside the table");
    }

    @Test
    void thpOnlyMeasuresHugePageParentsOnly(@TempDir Path dir) throws Exception {
        CliRun r = run("bench", "spawn", "--parent-rss", "8m", "--thp", "only", "--methods", "ffm-clone-floor",
                "--iterations", "1", "--warmup", "0", "--jit-warmup", "0", "--no-chart", "--no-progress", "--output", "json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode sizes = new ObjectMapper().readTree(r.out()).get("settings").get("parentSizes");
        assertEquals(List.of("8m+thp"), List.of(sizes.get(0).asText()));
        assertEquals(1, sizes.size());
    }

    @Test
    void badSizeIsAUsageError() {
        CliRun r = run("bench", "spawn", "--parent-rss", "lots", "--no-chart");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("not a size: 'lots'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void unknownMethodIsAUsageErrorListingTheKnownOnes() {
        CliRun r = run("bench", "spawn", "--methods", "teleport", "--no-chart");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("unknown method 'teleport'") && r.err().contains("ffm-posix-spawn"), r.err());
    }

    @Test
    void missingTargetIsAUsageError(@TempDir Path dir) {
        CliRun r = run("bench", "spawn", "--parent-rss", "8m", "--methods", "pb-fork", "--no-chart",
                "--target", dir.resolve("nope").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("is not an executable file"), r.err());
    }

    @Test
    void benchWithoutSubcommandListsTheBenchmarks() {
        CliRun r = run("bench");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("spawn"), r.out());
    }
}
