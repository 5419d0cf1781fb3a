package dev.procward.cli.sim;

import dev.procward.cli.ExitCodes;
import dev.procward.cli.UserError;
import dev.procward.simulator.TimelineEvent;
import dev.procward.simulator.scenario.Scenario;
import dev.procward.simulator.scenario.ScenarioException;
import dev.procward.simulator.scenario.ScenarioRunner;
import dev.procward.simulator.scenario.Trajectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code procward sim run SCENARIO}: runs a scenario and prints its timeline in virtual time. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (a shipped name, see 'sim list', or a file) and print its timeline.",
        footerHeading = "%n",
        footer = {"Exit codes:", "  0   the scenario ran and every 'expect' held",
                "  1   an 'expect' failed, or the scenario could not be read or run", "  2   usage error"})
public final class SimRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "Shipped scenario name or scenario file.")
    String scenario;

    @Option(names = "--trajectory", description = "Print the differential-suite trajectory (every process after every step) instead of the timeline.")
    boolean trajectory;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for the scenario's random choices (default: the scenario's own).")
    Long seed;

    @Override
    public Integer call() {
        Scenario s = SimulatedHost.load(scenario);
        if (seed != null) s = new Scenario(s.name(), s.description(), s.config().withSeed(seed), s.statements());
        PrintWriter out = spec.commandLine().getOut();
        ScenarioRunner runner = new ScenarioRunner(s);
        try {
            if (trajectory) {
                Trajectory t = new Trajectory(runner);
                runner.run(t);
                t.lines().forEach(out::println);
            } else {
                out.println("scenario " + s.name());
                if (!s.description().isBlank()) out.println("  " + s.description());
                runner.run((i, st, result, events, k) -> {
                    out.printf("%s $ %s  => %s%n", stamp(k.now()), st.text(), result);
                    for (TimelineEvent e : events) out.printf("%s     %s%n", stamp(e.time()), e.describe());
                });
                out.println();
                out.println(runner.table());
            }
        } catch (ScenarioException e) {
            throw new UserError("scenario " + s.name() + ": " + e.getMessage());
        }
        out.flush();
        if (!runner.failedExpectations().isEmpty()) {
            throw new UserError("scenario " + s.name() + ": " + runner.failedExpectations().size() + " expectation(s) failed: "
                    + String.join("; ", runner.failedExpectations()), ExitCodes.FAILURE);
        }
        return ExitCodes.OK;
    }

    private static String stamp(long nanos) {
        return String.format("[%9.3fs]", nanos / 1e9);
    }
}
