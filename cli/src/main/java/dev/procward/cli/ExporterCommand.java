package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "exporter", mixinStandardHelpOptions = true,
        description = "Serve the inspectors' findings as Prometheus metrics.")
public final class ExporterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("exporter: not built yet");
    }
}
