package dev.procward.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run of the AOT cache for short commands ({@code procward-short.aot}, written at
 * package time by the {@code short-aot-cache} profile of cli/pom.xml through the launcher with
 * {@code PROCWARD_AOT=train}). It runs each inspector once in one JVM, output discarded, so that
 * the cache holds the classes they load, linked, with their call sites and profiles. JSON output
 * is left out on purpose: every class in the cache is loaded at start-up, and Jackson is only
 * needed for {@code --output json}.
 */
final class ShortCommandTraining {
    private ShortCommandTraining() {}

    static List<String[]> commandLines() {
        String self = Long.toString(ProcessHandle.current().pid());
        return List.of(
                new String[] {"ps", "-o", "pid,ppid,stat,rss,comm"},
                new String[] {"ps"},
                new String[] {"ps", "-L"},
                new String[] {"tree"},
                new String[] {"tree", "-a", "-p"},
                new String[] {"inspect", self},
                new String[] {"zombies"},
                new String[] {"doctor", "--sample", "100ms"},
                new String[] {"--help"},
                new String[] {"--version"});
    }

    /** @param args command lines to train on instead of the default ones, one per argument ("ps -L") */
    public static void main(String[] args) {
        List<String[]> lines = args.length == 0 ? commandLines()
                : java.util.Arrays.stream(args).map(a -> a.strip().split(" +")).toList();
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(discard);
        System.setErr(discard);
        for (String[] line : lines) Main.run(line);
        // As every command ends: Runtime.exit looks up its System.Logger, ~20 classes that would
        // otherwise load from the runtime image at the end of every short command.
        System.exit(0);
    }
}
