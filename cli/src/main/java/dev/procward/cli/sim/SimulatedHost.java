package dev.procward.cli.sim;

import dev.procward.cli.UserError;
import dev.procward.simulator.ProcRenderer;
import dev.procward.simulator.scenario.Scenario;
import dev.procward.simulator.scenario.ScenarioException;
import dev.procward.simulator.scenario.ScenarioRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated host that {@code --backend sim} shows: a scenario run to its end and rendered as a
 * /proc tree in memory. The scenario is {@code $PROCWARD_SIM_SCENARIO} (a shipped name or a
 * file), {@code demo-host} by default.
 */
public final class SimulatedHost {
    public static final String ENV = "PROCWARD_SIM_SCENARIO";
    public static final String DEFAULT = "demo-host";

    private static Path rendered;
    private static String renderedName;

    private SimulatedHost() {}

    public static String scenarioName() {
        String v = System.getenv(ENV);
        return v == null || v.isBlank() ? DEFAULT : v.strip();
    }

    /** The rendered /proc of the simulated host, in memory (Jimfs), built once per process. */
    public static synchronized Path procRoot() {
        String name = scenarioName();
        if (rendered == null || !name.equals(renderedName)) {
            rendered = new ProcRenderer().renderToMemory(run(name));
            renderedName = name;
        }
        return rendered;
    }

    /**
     * The same /proc written to a private temporary directory, removed when the JVM exits: for
     * readers that go through java.io.File rather than Path (the stuck sampler, at the time of
     * writing), which cannot see an in-memory file system.
     */
    public static synchronized Path procRootOnDisk() {
        String name = scenarioName();
        try {
            Path dir = Files.createTempDirectory("procward-sim-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            Path root = dir.resolve("proc");
            new ProcRenderer().render(run(name), root);
            return root;
        } catch (IOException e) {
            throw new UserError("cannot render the simulated host: " + e.getMessage());
        }
    }

    private static dev.procward.simulator.SimulatedKernel run(String name) {
        ScenarioRunner runner = new ScenarioRunner(load(name));
        try {
            runner.run((i, s, r, e, k) -> { });
        } catch (ScenarioException e) {
            throw new UserError("scenario " + name + ": " + e.getMessage());
        }
        return runner.kernel();
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }

    /** A shipped scenario by name, or a scenario file by path. */
    public static Scenario load(String ref) {
        Path file = Path.of(ref);
        try {
            if (Files.isRegularFile(file)) return Scenario.read(file);
            return Scenario.shipped(ref.replaceFirst("\\.scenario$", ""));
        } catch (IOException e) {
            throw new UserError("scenario " + ref + ": " + e.getMessage());
        } catch (ScenarioException e) {
            throw new UserError(e.getMessage());
        }
    }
}
