package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run scenarios on the simulated kernel.")
public final class SimCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("sim: not built yet");
    }
}
