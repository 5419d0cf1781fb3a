package dev.procward.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "One-screen health report of this host or container, with a remedy for each finding.")
public final class DoctorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("doctor: not built yet");
    }
}
