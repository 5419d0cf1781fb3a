package dev.procward.cli;

import dev.procward.cli.diag.DurationConverter;
import dev.procward.cli.diag.StuckView;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.capture.CaptureLayout;
import dev.procward.probes.diag.StuckReport;
import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.kernel.LoadAvg;
import dev.procward.probes.kernel.SyscallTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "stuck", mixinStandardHelpOptions = true,
        description = {"Sample threads to find D-state (uninterruptible) tasks and what they wait on.",
                "Like psn: every thread's stat, syscall, wchan and (as root) kernel stack are sampled at --hz for "
                        + "--duration, and the samples are grouped by -g columns. For D-state threads the descriptor "
                        + "of the blocked call is resolved to a path, a mount, a filesystem type and a device, and "
                        + "network and FUSE filesystems are flagged."},
        footerHeading = "%n", footer = ExitCodes.HELP_SECTION)
public final class StuckCommand implements Callable<Integer> {
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;
    @Spec CommandSpec spec;

    @Option(names = "--hz", paramLabel = "N", defaultValue = "10", description = "Sweeps per second (default: ${DEFAULT-VALUE}).")
    double hz;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to sample (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = {"-g", "--group-by"}, paramLabel = "COLS", split = ",", defaultValue = "comm,state,syscall,wchan",
            description = "Group by these columns: pid, tid, comm, state, syscall, wchan, kstack, file, mount (default: ${DEFAULT-VALUE}).")
    List<String> groupBy;

    @Option(names = {"-a", "--all-states"}, description = "Also show R and the other non-sleeping states, not only D.")
    boolean allStates;

    @Option(names = "--no-stack", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Read kernel stacks (root only; default: on).")
    boolean stack = true;

    @Override
    public Integer call() throws InterruptedException {
        if (!(hz > 0 && hz <= 1000)) throw new UserError("--hz must be in (0, 1000]", ExitCodes.USAGE);
        List<StuckSampler.Column> columns = new ArrayList<>();
        for (String g : groupBy) {
            try {
                columns.add(StuckSampler.Column.parse(g));
            } catch (IllegalArgumentException e) {
                throw new UserError("-g: " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        Path root = procRoot.resolve();
        int self = root.equals(Path.of("/proc")) ? (int) ProcessHandle.current().pid() : -1;
        var sampler = new StuckSampler(root, allStates ? StuckSampler.ACTIVE : StuckSampler.UNINTERRUPTIBLE, stack, self,
                SyscallTable.host());
        LoadAvg loadavg = LoadAvg.read(root).orElse(null);
        int cpus = SystemInfo.read(root).cpuCount();
        // A capture is one frozen snapshot: sweeping it again would only repeat it, and averages
        // over those repeats would pass for a live sample.
        StuckReport report = CaptureLayout.isCapture(root)
                ? StuckReport.ofCapture(sampler.sweep(), columns, loadavg, cpus)
                : StuckReport.of(sampler.sample(hz, duration), columns, loadavg, cpus);
        var out = spec.commandLine().getOut();
        if (output.json()) Json.write(out, report);
        else StuckView.print(out, report, allStates, hz, Style.detect());
        return ExitCodes.OK;
    }
}
