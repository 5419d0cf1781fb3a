package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: what spawning a process costs on this machine.")
public final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("bench: not built yet");
    }
}
