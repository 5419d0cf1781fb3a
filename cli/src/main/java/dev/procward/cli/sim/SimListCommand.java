package dev.procward.cli.sim;

import dev.procward.cli.render.OutputOption;
import dev.procward.simulator.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code procward sim list}: the shipped scenarios with their descriptions. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped scenarios.")
public final class SimListCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = new ArrayList<>(Scenario.SHIPPED);
        names.add(SimulatedHost.DEFAULT);
        for (String name : names) {
            Scenario s = Scenario.shipped(name);
            out.printf("%-18s %s%n", name, s.description());
        }
        out.flush();
    }
}
