package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "stuck", mixinStandardHelpOptions = true,
        description = "Sample threads to find D-state (uninterruptible) tasks and what they wait on.")
public final class StuckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("stuck: not built yet");
    }
}
