package dev.procward.cli;

import dev.procward.cli.diag.DiagExitCodes;
import dev.procward.cli.diag.DurationConverter;
import dev.procward.cli.diag.SignalView;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.libc.Signal;
import dev.procward.probes.Field;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.diag.SafeSignal;
import dev.procward.probes.diag.SignalTargets;
import dev.procward.probes.diag.SignalTargets.Selector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "signal", mixinStandardHelpOptions = true,
        description = {"Send a signal safely: through a pidfd, with a check that the target went away.",
                "TARGET is a pid or a pgrep-style regular expression (on the command name, or the whole "
                        + "command line with -f); or name a process group with --pgid or a session with --sid. "
                        + "Each process is opened as a pidfd and checked to be the one chosen before it is "
                        + "signalled, so a recycled pid is never hit. A fatal signal sent to a thread in D state "
                        + "is warned about, with what that thread waits on."},
        footerHeading = "%n", footer = DiagExitCodes.SIGNAL_HELP)
public final class SignalCommand implements Callable<Integer> {
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SIG", description = "Signal: TERM, SIGKILL, 9, RTMIN+1 …")
    String signal;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET", description = "A pid, or a regular expression matched like pgrep.")
    String target;

    @Option(names = "--pgid", paramLabel = "PGID", description = "Signal every process in this process group.")
    Integer pgid;

    @Option(names = "--sid", paramLabel = "SID", description = "Signal every process in this session.")
    Integer sid;

    @Option(names = {"-f", "--full"}, description = "Match the pattern against the whole command line, not only the name.")
    boolean full;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Wait up to DURATION for the targets to exit, and report which did.")
    Duration wait;

    @Option(names = {"-n", "--dry-run"}, description = "List the targets; send nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        int sig;
        try {
            sig = Signal.parse(signal);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
        Selector selector = selector();
        Path root = procRoot.resolve();
        if (!root.equals(Path.of("/proc")) && !dryRun) {
            throw new UserError("signal needs the live /proc (a capture's processes cannot be signalled); use --dry-run", ExitCodes.USAGE);
        }
        int self = (int) ProcessHandle.current().pid();
        var table = Snapshotter.take(root, EnumSet.of(Field.STAT, Field.CMDLINE),
                selector instanceof Selector.Pid p ? pid -> pid == p.pid() : pid -> true);
        var targets = SignalTargets.resolve(table, selector, self);
        if (targets.isEmpty()) throw new UserError("no process matches " + describe(selector));
        var out = spec.commandLine().getOut();
        if (dryRun) {
            if (output.json()) Json.write(out, new DryRun(targets));
            else SignalView.printTargets(out, targets, Signal.nameOf(sig));
            return ExitCodes.OK;
        }
        SafeSignal.Report report = SafeSignal.send(root, targets, sig, wait);
        if (output.json()) Json.write(out, report);
        else SignalView.print(out, report, Style.detect());
        if (!report.allSent()) return ExitCodes.FAILURE;
        return report.allGone() ? ExitCodes.OK : DiagExitCodes.WARNING;
    }

    /** The --dry-run --output json document: the processes that would be signalled. */
    public record DryRun(List<SignalTargets.Target> targets) {}

    private Selector selector() {
        int given = (target != null ? 1 : 0) + (pgid != null ? 1 : 0) + (sid != null ? 1 : 0);
        if (given != 1) throw new UserError("name exactly one target: a pid or pattern, --pgid, or --sid", ExitCodes.USAGE);
        if (pgid != null) return new Selector.ProcessGroup(positive(pgid, "--pgid"));
        if (sid != null) return new Selector.Session(positive(sid, "--sid"));
        if (target.matches("\\d{1,10}")) {
            long pid = Long.parseLong(target);
            if (pid < 1 || pid > Integer.MAX_VALUE) throw new UserError("not a pid: " + target, ExitCodes.USAGE);
            return new Selector.Pid((int) pid);
        }
        try {
            return new Selector.Matching(Pattern.compile(target), full);
        } catch (PatternSyntaxException e) {
            throw new UserError("bad pattern '" + target + "': " + e.getDescription(), ExitCodes.USAGE);
        }
    }

    private static int positive(int v, String option) {
        if (v < 1) throw new UserError(option + " must be a positive id", ExitCodes.USAGE);
        return v;
    }

    private static String describe(Selector s) {
        return switch (s) {
            case Selector.Pid p -> "pid " + p.pid();
            case Selector.ProcessGroup g -> "process group " + g.pgid();
            case Selector.Session x -> "session " + x.sid();
            case Selector.Matching m -> "'" + m.pattern() + "'" + (m.fullCmdline() ? " (full command line)" : "");
        };
    }
}
