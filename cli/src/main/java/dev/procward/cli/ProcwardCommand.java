package dev.procward.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * procward with every subcommand: what {@code --help}, {@code help}, the man pages and the shell
 * completion (both generated from this class at package time) show.
 */
@Command(
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
        })
public final class ProcwardCommand extends ProcwardRoot {

    /** The configured command line with every subcommand. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new ProcwardCommand()));
    }

    /**
     * The command line for these arguments: when they name one of procward's subcommands (after
     * the optional top-level {@code --backend KIND}), the root holds that subcommand only, and for
     * {@code --version} none; anything else (no subcommand, {@code --help}, {@code help}, an unknown
     * name) gets every subcommand, so that listings and suggestions stay complete. Parsing and behaviour are the same either way.
     */
    public static CommandLine commandLine(String... args) {
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        Class<?> sub = subcommandClass(subcommandName(args));
        if (sub == null && !versionOnly) return commandLine();
        CommandLine root = new CommandLine(new ProcwardRoot());
        if (sub != null) root.addSubcommand(sub); // before configure(): picocli passes settings down to existing subcommands
        return configure(root);
    }

    /** The first argument after the top-level options, or null. */
    static String subcommandName(String[] args) {
        int i = 0;
        if (i < args.length && args[i].startsWith("--backend=")) i++;
        else if (i < args.length && args[i].equals("--backend")) i += 2;
        return i < args.length ? args[i] : null;
    }

    /**
     * The class of one of procward's own subcommands, by name; null for others. The same list as
     * the annotation above (LazyCommandLineTest holds them equal): reading the annotation instead
     * would load and parse every subcommand class, a tenth of a short command's start-up.
     * {@code help} is not here: it lists its siblings, so it needs them all.
     */
    static Class<?> subcommandClass(String name) {
        if (name == null) return null;
        return switch (name) {
            case "doctor" -> DoctorCommand.class;
            case "ps" -> PsCommand.class;
            case "tree" -> TreeCommand.class;
            case "inspect" -> InspectCommand.class;
            case "zombies" -> ZombiesCommand.class;
            case "stuck" -> StuckCommand.class;
            case "signal" -> SignalCommand.class;
            case "capture" -> CaptureCommand.class;
            case "init" -> InitCommand.class;
            case "sched" -> SchedCommand.class;
            case "bench" -> BenchCommand.class;
            case "sim" -> SimCommand.class;
            case "exporter" -> ExporterCommand.class;
            default -> null;
        };
    }

    /** One-line errors with a usage hint, no stack traces. */
    private static CommandLine configure(CommandLine cl) {
        Backend.select(Backend.auto); // --backend applies to one command line only
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
