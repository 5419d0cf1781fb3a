package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List processes, procps-compatible where the two overlap.")
public final class PsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("ps: not built yet");
    }
}
