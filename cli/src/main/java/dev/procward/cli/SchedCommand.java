package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "sched", mixinStandardHelpOptions = true,
        description = "Show or change a process's scheduling policy, priority and nice, as chrt does.")
public final class SchedCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("sched: not built yet");
    }
}
