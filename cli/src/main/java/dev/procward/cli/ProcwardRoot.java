package dev.procward.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command's own options and texts, without its subcommands. {@link ProcwardCommand}
 * adds them all; a short command line such as {@code procward ps} registers only the subcommand it
 * names under this root (see {@link ProcwardCommand#commandLine(String...)}), because picocli
 * builds the model of every registered subcommand up front, which costs more than the work of
 * {@code ps} itself on a small host.
 */
@Command(
        name = "procward",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Init, inspector and spawn laboratory for Linux processes.",
        footerHeading = "%n",
        footer = ExitCodes.HELP_SECTION)
public class ProcwardRoot implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ProcwardRoot() {}

    @CommandLine.Option(names = "--backend", paramLabel = "KIND", scope = CommandLine.ScopeType.INHERIT,
            description = "Kernel behind the commands: ${COMPLETION-CANDIDATES} (default: auto = the real kernel on Linux).")
    void backend(Backend b) {
        Backend.select(b);
    }

    @Override
    public void run() {
        // No subcommand: show what exists rather than guessing a default job.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
