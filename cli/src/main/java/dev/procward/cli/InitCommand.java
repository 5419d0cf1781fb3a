package dev.procward.cli;

import dev.procward.cli.init.InitMain;
import dev.procward.cli.init.Personality;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code procward init}: the options are declared here for --help, the man page and completion.
 * The real parsing happens in {@link dev.procward.cli.init.InitCommandLine}, on the lean start-up
 * path that {@link Main} takes before picocli is loaded.
 */
@Command(name = "init", mixinStandardHelpOptions = false, sortOptions = false,
        description = {
                "Run a command as init (PID 1) or child subreaper: reap zombies, forward signals, pass exit codes.",
                "Stands in for tini (same flags, environment, messages, exit codes) and, with --setsid, for dumb-init.",
                "Invoked through a link named 'tini' or 'dumb-init', procward behaves as that program."},
        footerHeading = "%n",
        footer = {
                "Environment: TINI_SUBREAPER, TINI_VERBOSITY, TINI_KILL_PROCESS_GROUP; DUMB_INIT_SETSID=0 (with --setsid: single child).",
                "",
                "Exit codes:",
                "  N        the child exited with N (after -e remapping)",
                "  128+N    the child died of signal N",
                "  127      the program was not found",
                "  126      the program is not executable",
                "  1        usage error, or procward itself failed",
                "",
                "Launch chain, events schema and benchmarks: docs/init.md."})
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.") boolean help;
    @Option(names = "--version", description = "Show the version and exit.") boolean version;
    @Option(names = {"-s", "--subreaper"}, description = "Register as child subreaper (the default when not PID 1; tini compatibility).") boolean subreaper;
    @Option(names = {"-p", "--pdeathsig"}, paramLabel = "SIGNAL", description = "Signal procward gets when its parent dies, e.g. SIGKILL.") String pdeathsig;
    @Option(names = {"-v", "--verbose"}, description = "More output; repeat for more (tini's levels: WARN, INFO, DEBUG, TRACE).") boolean[] verbose;
    @Option(names = {"-w", "--warn-on-reap"}, description = "Warn for every reaped zombie that is not the main child.") boolean warnOnReap;
    @Option(names = {"-g", "--process-group"}, description = "Forward signals to the child's whole process group.") boolean group;
    @Option(names = {"-e", "--remap-exit"}, paramLabel = "CODE", description = "Report exit code CODE (0..255) as 0; repeatable.") int[] remap;
    @Option(names = "-l", description = "Show the licence and exit.") boolean license;
    @Option(names = "--setsid", description = "dumb-init mode: child in a new session, signals to its group, TSTP/TTIN/TTOU become STOP, TERM to the group when the child exits.") boolean setsid;
    @Option(names = {"-c", "--single-child"}, description = "With --setsid: signal only the child, not its group.") boolean singleChild;
    @Option(names = {"-r", "--rewrite"}, paramLabel = "S:R", description = "Forward signal number S as R; R=0 drops S. Repeatable.") String[] rewrite;
    @Option(names = "--grace", paramLabel = "DURATION", description = "After forwarding TERM or INT, SIGKILL what is left once DURATION (10s, 500ms) has passed; at PID 1 the whole namespace.") String grace;
    @Option(names = "--wait-all", description = "Exit only when every descendant is gone.") boolean waitAll;
    @Option(names = "--signal-orphans", description = "Send shutdown signals to adopted orphans too, and TERM them when the child exits.") boolean signalOrphans;
    @Option(names = "--restart", paramLabel = "POLICY", description = "no | on-failure | always: start the child again (backoff 100 ms doubling to 30 s); TERM ends the cycle.") String restart;
    @Option(names = "--max-restarts", paramLabel = "N", description = "At most N restarts (default: unlimited).") int maxRestarts;
    @Option(names = "--events", paramLabel = "FILE|-", description = "Write JSON lines for every spawn, signal, reap (with comm and zombie time) and exit.") String events;
    @Option(names = "--user", paramLabel = "USER[:GROUP]", description = "Run the child as USER (and GROUP), like gosu and su-exec.") String user;
    @Option(names = "--nice", paramLabel = "N", description = "Nice value of the child (-20..19).") int nice;
    @Option(names = "--sched", paramLabel = "POLICY[:PRIO]", description = "Scheduling policy of the child: other, batch, idle, fifo:P, rr:P, deadline:RUNTIME/DEADLINE/PERIOD.") String sched;
    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The program and its arguments (put -- before it when it starts with '-').") List<String> command;

    @Override
    public Integer call() {
        // Reached only when picocli parsed the line (e.g. `procward help init` paths or tests): hand over.
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int from = original.indexOf("init") + 1;
        return InitMain.run(Personality.PROCWARD, original.subList(from, original.size()).toArray(String[]::new));
    }
}
