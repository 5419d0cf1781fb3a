package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "zombies", mixinStandardHelpOptions = true,
        description = "Group zombies by parent, say who leaks them and what to do.")
public final class ZombiesCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("zombies: not built yet");
    }
}
