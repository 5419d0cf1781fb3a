package dev.procward.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(
        name = "procward",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Init, inspector and spawn laboratory for Linux processes.",
        subcommands = {
                DoctorCommand.class,
                PsCommand.class,
                TreeCommand.class,
                InspectCommand.class,
                ZombiesCommand.class,
                StuckCommand.class,
                SignalCommand.class,
                CaptureCommand.class,
                InitCommand.class,
                SchedCommand.class,
                BenchCommand.class,
                SimCommand.class,
                ExporterCommand.class,
                CommandLine.HelpCommand.class,
        },
        footerHeading = "%n",
        footer = ExitCodes.HELP_SECTION)
public final class ProcwardCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    /** The configured command line: one-line errors with a usage hint, no stack traces. */
    public static CommandLine commandLine() {
        Backend.select(Backend.auto); // --backend applies to one command line only
        CommandLine cl = new CommandLine(new ProcwardCommand());
        cl.setAllowSubcommandsAsOptionParameters(true); // --backend sim: 'sim' is also a command
        cl.setParameterExceptionHandler(ProcwardCommand::onBadUsage);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("procward: " + describe(ex));
            return ex instanceof UserError u ? u.exitCode() : ExitCodes.FAILURE;
        });
        return cl;
    }

    private static int onBadUsage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("procward: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    private static String describe(Exception ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }
}
