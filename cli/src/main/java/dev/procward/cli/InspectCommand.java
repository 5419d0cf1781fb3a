package dev.procward.cli;

import dev.procward.cli.inspect.InspectView;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.inspect.Inspector;
import dev.procward.probes.inspect.ProcessReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Everything about one process, in sections: identity, state, credentials, capabilities,",
                "signals, memory, threads, fds, paths, namespaces, cgroup, rlimits, oom, scheduling, io, environ.",
                "Unreadable parts are shown as gaps with their reason."},
        footerHeading = "%n", footer = ExitCodes.HELP_SECTION)
public final class InspectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;

    @Parameters(index = "0", paramLabel = "PID", description = "The process to inspect.")
    String pid;

    @Option(names = "--maps", description = "Add the memory map, pmap-style, with Rss and Pss per mapping.")
    boolean maps;

    @Option(names = "--show-secrets", description = "Show environ values that look like secrets (PASSWORD, TOKEN, SECRET, KEY …).")
    boolean showSecrets;

    @Override
    public Integer call() {
        int n;
        try {
            n = Integer.parseInt(pid.strip());
        } catch (NumberFormatException e) {
            throw new UserError("not a pid: " + pid, ExitCodes.USAGE);
        }
        if (n <= 0) throw new UserError("not a pid: " + pid, ExitCodes.USAGE);
        ProcessReport r = Inspector.inspect(procRoot.resolve(), n, new Inspector.Options(maps, showSecrets))
                .orElseThrow(() -> new UserError("no such process: " + n));
        var out = spec.commandLine().getOut();
        if (output.json()) Json.write(out, r);
        else new InspectView(out, Style.detect()).print(r);
        return ExitCodes.OK;
    }
}
