package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Write the /proc files the inspectors use into one archive, for reading elsewhere.")
public final class CaptureCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("capture: not built yet");
    }
}
