package dev.procward.cli;

import dev.procward.cli.bench.SpawnCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code procward bench}: the laboratories. Each benchmark is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: what spawning a process costs on this machine.",
        subcommands = SpawnCommand.class)
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // No benchmark named: list them rather than guessing one (they take minutes).
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
