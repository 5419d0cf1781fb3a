package dev.procward.simulator.scenario;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The proof of faithfulness: each scenario of {@code src/test/resources/differential} runs on the
 * real kernel, as PID 1 of a fresh PID namespace with real processes driven by driver.py, and on
 * the simulator; the two trajectories (results, caught signals, the whole process table with
 * states and masks after every step) must be equal line for line. Needs root, unshare and python3:
 * without them the suite fails under CI=true and is skipped elsewhere.
 */
class DifferentialSuiteTest {

    static final Path DIR = resources();
    static String python;

    static Path resources() {
        try {
            return Path.of(DifferentialSuiteTest.class.getResource("/differential/driver.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scenario")).sorted().toList().stream();
        }
    }

    @BeforeAll
    static void needsRootUnshareAndPython() throws Exception {
        String missing = null;
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) missing = "root";
        else if (!Files.isExecutable(Path.of("/usr/bin/unshare"))) missing = "unshare";
        else {
            python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : which("python3");
            if (python == null) missing = "python3";
            else if (!canUnshare()) missing = "permission to create PID namespaces (unshare --pid --fork --mount-proc true failed)";
        }
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) fail("the differential suite needs " + missing + " (CI=true)");
            Assumptions.abort("the differential suite needs " + missing);
        }
    }

    private static boolean canUnshare() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theSimulatorWalksTheSameTrajectoryAsLinux(String file) throws Exception {
        Path scenario = DIR.resolve(file);
        List<String> simulated = Trajectory.of(Scenario.read(scenario));
        List<String> real = onLinux(scenario);
        assertEquals(String.join("\n", real), String.join("\n", simulated), "Linux (expected) vs simulator (actual) for " + file);
    }

    static List<String> onLinux(Path scenario) throws IOException, InterruptedException {
        Path out = Files.createTempFile("procward-diff", ".out");
        Path err = Files.createTempFile("procward-diff", ".err");
        try {
            // --kill-child: if unshare is killed on timeout, the namespace's init dies with it.
            Process p = new ProcessBuilder("/usr/bin/unshare", "--pid", "--fork", "--mount-proc", "--kill-child", python,
                    "-S", "-E", DIR.resolve("driver.py").toString(), scenario.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("the real run of " + scenario.getFileName() + " did not end within 120 s:\n" + Files.readString(out));
            }
            assertEquals(0, p.exitValue(), "driver failed on " + scenario.getFileName() + ":\n" + Files.readString(err));
            return Arrays.asList(Files.readString(out, StandardCharsets.UTF_8).strip().split("\n"));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
