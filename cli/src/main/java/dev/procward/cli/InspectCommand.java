package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Everything about one process, in sections.")
public final class InspectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("inspect: not built yet");
    }
}
