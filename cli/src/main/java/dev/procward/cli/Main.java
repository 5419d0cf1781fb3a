package dev.procward.cli;

import dev.procward.cli.init.InitMain;
import dev.procward.cli.init.Personality;

/**
 * Process entry point. Kept tiny on purpose: {@code init} (and procward invoked as {@code tini}
 * or {@code dumb-init}, which the launcher reports in {@code -Dprocward.argv0}) goes to the lean
 * init path before any picocli command model is built.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Personality personality = Personality.forInvocationName(System.getProperty("procward.argv0"));
        if (personality != Personality.PROCWARD) System.exit(InitMain.run(personality, args));
        if (args.length > 0 && args[0].equals("init")) {
            int code = InitMain.run(Personality.PROCWARD, java.util.Arrays.copyOfRange(args, 1, args.length));
            if (code != InitMain.SHOW_HELP) System.exit(code);
        }
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int run(String... args) {
        return ProcwardCommand.commandLine(args).execute(args);
    }
}
