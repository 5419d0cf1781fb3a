package dev.procward.cli;

import dev.procward.cli.sim.SimListCommand;
import dev.procward.cli.sim.SimRunCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code procward sim}: scenarios on the simulated kernel. The rest of the CLI reaches it through {@code --backend sim}. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run scenarios on the simulated kernel (a model of Linux's process rules on a virtual clock).",
                "Every inspector looks at a simulated host with --backend sim (scenario: $PROCWARD_SIM_SCENARIO, default demo-host)."},
        subcommands = {SimRunCommand.class, SimListCommand.class},
        footerHeading = "%n",
        footer = {"Scenario format and the differential proof against Linux: docs/simulator.md.", "", ExitCodes.HELP_SECTION})
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
