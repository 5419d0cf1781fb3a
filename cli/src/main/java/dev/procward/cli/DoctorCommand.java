package dev.procward.cli;

import dev.procward.cli.diag.CgroupRootOption;
import dev.procward.cli.diag.DiagExitCodes;
import dev.procward.cli.diag.DoctorView;
import dev.procward.cli.diag.DurationConverter;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.diag.DoctorProbe;
import dev.procward.probes.diag.DoctorReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"One-screen health report of this host or container, with a remedy for each finding.",
                "Checks PID 1 (does it reap?), zombies, threads stuck in D state, PID and file-handle headroom, "
                        + "the largest processes by PSS, OOM risk, load against CPUs and recent OOM kills."},
        footerHeading = "%n", footer = DiagExitCodes.DOCTOR_HELP)
public final class DoctorCommand implements Callable<Integer> {
    @Mixin ProcRootOption procRoot;
    @Mixin CgroupRootOption cgroupRoot;
    @Mixin OutputOption output;
    @Spec CommandSpec spec;

    @Option(names = "--sample", paramLabel = "DURATION", defaultValue = "400ms", converter = DurationConverter.class,
            description = "How long to sample for D-state threads (default: ${DEFAULT-VALUE}).")
    Duration sample;

    @Option(names = "--kernel-log", paramLabel = "PATH",
            description = "Kernel log to search for OOM kills: /dev/kmsg (default on a live /proc; a capture's own log on a capture) or a saved dmesg text.")
    Path kernelLog;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "Processes to list by PSS (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws InterruptedException {
        if (top < 0) throw new UserError("--top must not be negative", ExitCodes.USAGE);
        Path root = procRoot.resolve();
        var live = DoctorProbe.live(root, cgroupRoot.resolve(root));
        int sweeps = (int) Math.max(2, Math.min(50, sample.toMillis() / 100 + 1));
        Duration interval = Duration.ofMillis(sample.toMillis() / Math.max(1, sweeps - 1));
        var probe = new DoctorProbe(root, live.cgroupRoot(), kernelLog != null ? kernelLog : live.kernelLog(), sweeps,
                interval, Math.max(top, 10));
        DoctorReport report = DoctorReport.of(probe.read());
        var out = spec.commandLine().getOut();
        if (output.json()) Json.write(out, report);
        else DoctorView.print(out, report, Style.detect(), top);
        return DiagExitCodes.of(report.worst());
    }
}
