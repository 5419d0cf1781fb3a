package dev.procward.cli;

/**
 * Exit codes shared by every command. Commands with their own codes (init, doctor, zombies)
 * document them in their --help footer; these are the ones that mean the same everywhere.
 */
public final class ExitCodes {
    private ExitCodes() {}

    /** The command did what was asked and found nothing to report. */
    public static final int OK = 0;
    /** The command could not do its work: a missing process, an unreadable file, an I/O error. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown subcommand, bad option, bad value. */
    public static final int USAGE = 2;

    public static final String HELP_SECTION = """
            Exit codes:
              0   success
              1   the command failed (missing process, unreadable input, I/O error)
              2   usage error (unknown command, bad option or value)
            """;
}
