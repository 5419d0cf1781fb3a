package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "signal", mixinStandardHelpOptions = true,
        description = "Send a signal safely: through a pidfd, with a check that the target went away.")
public final class SignalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("signal: not built yet");
    }
}
