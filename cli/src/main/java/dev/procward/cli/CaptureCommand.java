package dev.procward.cli;

import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.probes.capture.CaptureWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Write the /proc files the inspectors use into one archive, for reading elsewhere:",
                "  procward ps --proc-root FILE   (and tree, inspect, zombies, stuck, doctor)",
                "Environment values that look secret are redacted unless --include-secrets."},
        footerHeading = "%n", footer = ExitCodes.HELP_SECTION)
public final class CaptureCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;

    @Parameters(index = "0", paramLabel = "FILE", description = "The archive to write (a zip).")
    Path file;

    @Option(names = {"-p", "--pid"}, split = ",", paramLabel = "PID", description = "Only these processes (default: all).")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--include-secrets", description = "Keep secret-looking environ values.")
    boolean includeSecrets;

    @Override
    public Integer call() {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) throw new UserError("capture: no such directory: " + parent);
        if (Files.isDirectory(file)) throw new UserError("capture: " + file + " is a directory");
        CaptureWriter.Summary s;
        try {
            s = CaptureWriter.write(procRoot.resolve(), file, new CaptureWriter.Options(Set.copyOf(pids), includeSecrets));
        } catch (IOException e) {
            throw new UserError("capture: cannot write " + file + ": " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        if (output.json()) {
            Json.write(out, new Result(file.toString(), s.processes(), s.files(), s.links(), s.unreadable(), s.bytes()));
        } else {
            out.printf("captured %d processes into %s: %d files, %d links, %d unreadable, %.1f MiB of /proc text%n",
                    s.processes(), file, s.files(), s.links(), s.unreadable(), s.bytes() / 1048576.0);
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** JSON schema of the capture summary. */
    record Result(String file, int processes, int files, int links, int unreadable, long bytes) {}
}
