package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Run a command as init (PID 1) or child subreaper: reap zombies, forward signals, pass exit codes.")
public final class InitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("init: not built yet");
    }
}
