package dev.procward.cli;

import picocli.CommandLine;

/**
 * Process entry point. Kept tiny on purpose: the {@code init} path must not pay for picocli's
 * reflection, so later the init dispatch happens here before any command model is built.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int run(String... args) {
        return ProcwardCommand.commandLine().execute(args);
    }
}
