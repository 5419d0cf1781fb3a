package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Draw the process tree, pstree-style.")
public final class TreeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("tree: not built yet");
    }
}
