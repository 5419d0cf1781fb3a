package dev.procward.cli;

import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Table;
import dev.procward.supervisor.KernelException;
import dev.procward.supervisor.ProcessScheduling;
import dev.procward.supervisor.SchedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sched", mixinStandardHelpOptions = true,
        description = {"Show or change a process's scheduling policy, priority and nice, as chrt does.",
                "Without --policy or --nice it shows; with them it changes, then shows the result."},
        footerHeading = "%n",
        footer = {"Policies: other, batch, idle, fifo:PRIO, rr:PRIO (1..99), deadline:RUNTIME/DEADLINE/PERIOD (e.g. 10ms/30ms/100ms).",
                "", "Exit codes:", "  0   done", "  1   no such process, or not permitted (real-time policies need CAP_SYS_NICE)",
                "  2   usage error (bad PID, policy or nice)"})
public final class SchedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOption output;

    @Parameters(paramLabel = "PID", description = "The process (its main thread unless --all-tasks).")
    int pid;

    @Option(names = {"-p", "--policy"}, paramLabel = "POLICY[:PRIO]", description = "New policy, e.g. fifo:10 or deadline:1ms/10ms/10ms.")
    String policy;

    @Option(names = {"-n", "--nice"}, paramLabel = "N", description = "New nice value (-20..19) for other and batch.")
    Integer nice;

    @Option(names = {"-R", "--reset-on-fork"}, description = "Children start back at other/nice 0 (SCHED_FLAG_RESET_ON_FORK).")
    boolean resetOnFork;

    @Option(names = {"-a", "--all-tasks"}, description = "Every thread of the process, not only the main one.")
    boolean allTasks;

    @Override
    public Integer call() {
        SchedPolicy wanted;
        try {
            wanted = policy == null ? null : SchedPolicy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new UserError("sched: " + e.getMessage(), ExitCodes.USAGE);
        }
        if (nice != null && (nice < -20 || nice > 19)) throw new UserError("sched: --nice must be between -20 and 19", ExitCodes.USAGE);
        List<Integer> tids = allTasks ? ProcessScheduling.tasks(pid) : List.of(pid);
        List<ProcessScheduling.State> states = new ArrayList<>();
        for (int tid : tids) {
            try {
                if (wanted != null || nice != null) {
                    ProcessScheduling.State now = ProcessScheduling.show(tid);
                    ProcessScheduling.apply(tid, wanted != null ? wanted : now.policy(), nice != null ? nice : now.nice(), resetOnFork);
                }
                states.add(ProcessScheduling.show(tid));
            } catch (KernelException e) {
                throw new UserError("sched: " + tid + ": " + describe(e));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Json.write(out, new Threads(states.stream()
                    .map(s -> new Row(s.tid(), s.policy().label(), priority(s.policy()), s.nice(), s.resetOnFork())).toList()));
        } else {
            Table t = new Table(List.of(Table.Column.right("TID"), Table.Column.left("POLICY"), Table.Column.right("PRIO"),
                    Table.Column.right("NICE"), Table.Column.left("RESET-ON-FORK")));
            for (var s : states) {
                t.row(Integer.toString(s.tid()), s.policy().label(), Integer.toString(priority(s.policy())), Integer.toString(s.nice()),
                        s.resetOnFork() ? "yes" : "no");
            }
            t.print(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The --output json document: one row per thread (schema in docs/init.md). */
    public record Threads(List<Row> threads) {}

    /** One thread in --output json. */
    public record Row(int tid, String policy, int priority, int nice, boolean resetOnFork) {}

    private static int priority(SchedPolicy p) {
        return switch (p) {
            case SchedPolicy.Fifo f -> f.priority();
            case SchedPolicy.RoundRobin r -> r.priority();
            default -> 0;
        };
    }

    private static String describe(KernelException e) {
        return switch (e.errnoName()) {
            case "ESRCH" -> "no such process";
            case "EPERM" -> "not permitted (real-time and deadline policies need CAP_SYS_NICE)";
            case "EBUSY" -> "not enough deadline bandwidth for this runtime/period";
            default -> e.getMessage();
        };
    }
}
