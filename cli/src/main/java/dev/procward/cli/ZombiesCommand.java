package dev.procward.cli;

import dev.procward.cli.diag.CgroupRootOption;
import dev.procward.cli.diag.DiagExitCodes;
import dev.procward.cli.diag.ZombiesView;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.Field;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.diag.HostProbe;
import dev.procward.probes.diag.ZombieReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.concurrent.Callable;

@Command(name = "zombies", mixinStandardHelpOptions = true,
        description = "Group zombies by parent, say who leaks them and what to do.",
        footerHeading = "%n", footer = DiagExitCodes.ZOMBIES_HELP)
public final class ZombiesCommand implements Callable<Integer> {
    @Mixin ProcRootOption procRoot;
    @Mixin CgroupRootOption cgroupRoot;
    @Mixin OutputOption output;
    @Spec CommandSpec spec;

    @Option(names = "--fail-over", paramLabel = "N",
            description = "Exit with code 3 when there are N or more zombies (for monitoring scripts).")
    Integer failOver;

    @Override
    public Integer call() {
        if (failOver != null && failOver < 1) throw new UserError("--fail-over must be at least 1", ExitCodes.USAGE);
        var root = procRoot.resolve();
        var host = new HostProbe(root, cgroupRoot.resolve(root));
        ProcessTable table = Snapshotter.take(root, EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE));
        ZombieReport report = ZombieReport.of(table, host.pidHeadroom(table, host.ownCgroup()));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) Json.write(out, report);
        else ZombiesView.print(out, report, Style.detect());
        return failOver != null && report.zombies() >= failOver ? DiagExitCodes.WARNING : ExitCodes.OK;
    }
}
