package dev.procward.simulator.scenario;

import dev.procward.simulator.Disposition;
import dev.procward.simulator.ProcState;
import dev.procward.simulator.ProcessView;
import dev.procward.simulator.Reaction;
import dev.procward.simulator.SimErrno;
import dev.procward.simulator.SimProgram;
import dev.procward.simulator.SimPrograms;
import dev.procward.simulator.SimulatedKernel;
import dev.procward.simulator.Signal;
import dev.procward.simulator.TimelineEvent;
import dev.procward.simulator.WaitStatus;
import dev.procward.supervisor.Durations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Scenario} on a fresh {@link SimulatedKernel}. Each statement is a system call (or
 * a program habit) of the process it names; its result is a short string ("pid 5", "ok", "ESRCH",
 * "web exited 3"), the same strings the real-kernel driver of the differential suite prints.
 * Failures of the simulated call are results, not exceptions; a scenario that names an unknown
 * process or verb throws {@link ScenarioException}.
 */
public final class ScenarioRunner {

    /** Called after every statement with its result; the kernel shows the state that follows. */
    public interface Observer {
        void afterStep(int index, Statement statement, String result, List<TimelineEvent> events, SimulatedKernel kernel);
    }

    private static final int GLIBC_SIGSETXID = 33;

    private final Scenario scenario;
    private final SimulatedKernel k;
    private final Map<String, Integer> labels = new HashMap<>();
    private final Map<Integer, String> labelsByPid = new HashMap<>();
    private final List<String> failedExpectations = new ArrayList<>();
    private SupervisedRun supervised;

    public ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
        this.k = new SimulatedKernel(scenario.config());
        label("init", 1);
    }

    private void label(String label, int pid) {
        labels.put(label, pid);
        labelsByPid.put(pid, label);
    }

    public SimulatedKernel kernel() {
        return k;
    }

    public List<String> failedExpectations() {
        return List.copyOf(failedExpectations);
    }

    /** The label a scenario gave to {@code pid}, or the pid itself. */
    public String labelOf(int pid) {
        return labelsByPid.getOrDefault(pid, String.valueOf(pid));
    }

    public void run(Observer observer) {
        List<Statement> statements = scenario.statements();
        try {
            for (int i = 0; i < statements.size(); i++) {
                Statement s = statements.get(i);
                int before = k.timeline().size();
                String result = execute(s);
                List<TimelineEvent> events = List.copyOf(k.timeline().subList(before, k.timeline().size()));
                observer.afterStep(i, s, result, events, k);
            }
        } finally {
            if (supervised != null) supervised.close();
        }
    }

    private String execute(Statement s) {
        if (supervised != null && !s.verb().equals("sleep")) return supervised.act(() -> dispatch(s));
        return dispatch(s);
    }

    private String dispatch(Statement s) {
        try {
            return switch (s.verb()) {
                case "fork" -> fork(s);
                case "exec" -> {
                    exec(pid(s, 0), s.from(1), s);
                    yield "ok";
                }
                case "exit" -> {
                    int code = Scenario.parseInt(s.arg(1), s.line());
                    if (s.has(3) && s.arg(2).equals("after")) k.exitAfter(pid(s, 0), code, duration(s, 3));
                    else k.exit(pid(s, 0), code);
                    yield "ok";
                }
                case "signal" -> {
                    k.sigaction(pid(s, 0), signal(s, 1), disposition(s, 2));
                    yield "ok";
                }
                case "trap" -> {
                    if (!s.arg(2).equals("exit")) throw new ScenarioException(s.line(), "trap P SIG exit CODE [after DUR]");
                    Duration d = s.has(5) && s.arg(4).equals("after") ? duration(s, 5) : SimProgram.HANDLER_LATENCY;
                    k.onSignal(pid(s, 0), signal(s, 1), new Reaction.ExitAfter(Scenario.parseInt(s.arg(3), s.line()), d));
                    yield "ok";
                }
                case "nocldwait" -> {
                    k.sigactionChild(pid(s, 0), Disposition.DEFAULT, true, false);
                    yield "ok";
                }
                case "block", "unblock" -> {
                    long set = 0;
                    for (String name : s.arg(1).split(",")) set |= Signal.bit(Signal.parse(name));
                    k.sigprocmask(pid(s, 0), s.verb().equals("block") ? SimulatedKernel.MaskHow.BLOCK : SimulatedKernel.MaskHow.UNBLOCK, set);
                    yield "ok";
                }
                case "kill" -> {
                    int sender = s.arg(0).equals("outside") ? SimulatedKernel.OUTSIDE : pid(s, 0);
                    k.kill(sender, target(s, s.arg(1)), signal(s, 2));
                    yield "ok";
                }
                case "wait" -> waitFor(s);
                case "setpgid" -> {
                    int caller = pid(s, 0);
                    int who = s.has(1) ? pid(s, 1) : 0;
                    int group = s.has(2) ? pid(s, 2) : 0;
                    k.setpgid(caller, who, group);
                    yield "ok";
                }
                case "setsid" -> "sid " + k.setsid(pid(s, 0));
                case "subreaper" -> {
                    k.setSubreaper(pid(s, 0), true);
                    yield "ok";
                }
                case "pdeathsig" -> {
                    k.setParentDeathSignal(pid(s, 0), signal(s, 1));
                    yield "ok";
                }
                case "threads" -> threads(s);
                case "io" -> {
                    Duration d = s.arg(1).equals("forever") ? null : duration(s, 1);
                    k.diskSleep(pid(s, 0), d, s.has(2) ? s.arg(2) : "io_schedule");
                    yield "ok";
                }
                case "iodone" -> {
                    k.completeIo(pid(s, 0));
                    yield "ok";
                }
                case "busy" -> {
                    k.setBusy(pid(s, 0), true);
                    yield "ok";
                }
                case "reap" -> {
                    k.setReaper(pid(s, 0), true);
                    yield "ok";
                }
                case "memory" -> {
                    long kb = Long.parseLong(s.arg(1));
                    k.setMemory(pid(s, 0), kb, kb * 3);
                    yield "ok";
                }
                case "pid_max" -> {
                    k.setPidMax(Scenario.parseInt(s.arg(0), s.line()));
                    yield "ok";
                }
                case "sleep" -> {
                    Duration d = duration(s, 0);
                    if (supervised != null) supervised.advance(d);
                    else k.advance(d);
                    yield "now " + String.format("%.3fs", k.now() / 1e9);
                }
                case "note" -> {
                    k.note(String.join(" ", s.args()));
                    yield "ok";
                }
                case "show" -> "\n" + table();
                case "expect" -> expect(s);
                case "supervise" -> {
                    supervised = SupervisedRun.start(k, s);
                    label("main", supervised.awaitMainChild());
                    yield "ok";
                }
                default -> throw new ScenarioException(s.line(), "unknown statement '" + s.verb() + "'");
            };
        } catch (SimErrno e) {
            return e.errnoName();
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.line(), e.getMessage());
        }
    }

    private String fork(Statement s) throws SimErrno {
        int parent = pid(s, 0);
        String label = s.arg(1);
        int child = k.fork(parent);
        label(label, child);
        k.setComm(child, label);
        if (s.has(2)) exec(child, s.from(2), s);
        return "pid " + child;
    }

    private void exec(int pid, List<String> argv, Statement s) throws SimErrno {
        if (argv.isEmpty()) throw new ScenarioException(s.line(), "exec needs a program");
        SimProgram program;
        try {
            program = SimPrograms.resolve(argv);
        } catch (SimErrno unknown) {
            program = null; // any other name is an idle program the scenario drives by hand
        }
        k.exec(pid, argv);
        if (program != null) program.install(k, pid);
    }

    private String waitFor(Statement s) throws SimErrno {
        int caller = pid(s, 0);
        int selector = -1;
        int options = 0;
        for (String w : s.from(1)) {
            switch (w) {
                case "nohang" -> options |= SimulatedKernel.WNOHANG;
                case "untraced" -> options |= SimulatedKernel.WUNTRACED;
                case "continued" -> options |= SimulatedKernel.WCONTINUED;
                case "any" -> selector = -1;
                default -> selector = target(s, w);
            }
        }
        options |= SimulatedKernel.WNOHANG; // a scenario never blocks: a blocking wait is a 'reap' habit
        SimulatedKernel.WaitResult r = k.waitpid(caller, selector, options);
        if (r.pid() == 0) return "nothing";
        return labelOf(r.pid()) + " " + WaitStatus.describe(r.status());
    }

    private String threads(Statement s) {
        int pid = pid(s, 0);
        int wanted = Scenario.parseInt(s.arg(1), s.line());
        int started = 0;
        try {
            for (; started < wanted; started++) {
                k.spawnThread(pid);
                // The programs are glibc programs: the first pthread_create installs glibc's
                // handler for SIGSETXID (33), which set*id() uses to reach every thread.
                if (started == 0) k.sigaction(pid, GLIBC_SIGSETXID, Disposition.CATCH);
            }
            return "started " + started;
        } catch (SimErrno e) {
            return "started " + started + " then " + e.errnoName();
        }
    }

    private String expect(Statement s) {
        String what = s.arg(0);
        String got;
        String want;
        if (what.equals("zombies")) {
            want = s.arg(1);
            got = String.valueOf(k.processes().stream().filter(v -> v.state() == ProcState.ZOMBIE).count());
        } else if (what.equals("processes")) {
            want = s.arg(1);
            got = String.valueOf(k.processes().size());
        } else {
            Integer pid = labels.get(what);
            if (pid == null && s.arg(1).equals("gone")) return "as expected";
            if (pid == null) throw new ScenarioException(s.line(), "no process labelled '" + what + "'");
            var v = k.process(pid);
            switch (s.arg(1)) {
                case "state" -> {
                    want = s.arg(2);
                    got = v.map(x -> String.valueOf(x.state().letter())).orElse("gone");
                }
                case "parent" -> {
                    want = s.arg(2);
                    got = v.map(x -> labelOf(x.ppid())).orElse("gone");
                }
                case "status" -> {
                    want = String.join(" ", s.from(2));
                    got = v.filter(x -> x.state() == ProcState.ZOMBIE).map(x -> WaitStatus.describe(x.exitStatus())).orElse("not a zombie");
                }
                case "gone" -> {
                    want = "gone";
                    got = v.isPresent() ? "present" : "gone";
                }
                default -> throw new ScenarioException(s.line(), "expect P state|parent|status|gone, expect zombies|processes N");
            }
        }
        if (want.equals(got)) return "as expected";
        String failure = "line " + s.line() + ": expected " + want + ", found " + got;
        failedExpectations.add(failure);
        return "FAILED: expected " + want + ", found " + got;
    }

    /** The process table as `sim run` prints it. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("  %6s %6s %6s %6s %-1s %3s  %s%n", "PID", "PPID", "PGID", "SID", "S", "THR", "COMMAND"));
        for (ProcessView v : k.processes()) {
            b.append(String.format("  %6d %6d %6d %6d %c %3d  %s%n", v.pid(), v.ppid(), v.pgid(), v.sid(), v.state().letter(),
                    v.threads(), v.state() == ProcState.ZOMBIE ? "[" + v.comm() + "] <defunct>" : String.join(" ", v.argv()) + labelNote(v)));
        }
        return b.toString().stripTrailing();
    }

    private String labelNote(ProcessView v) {
        String label = labelOf(v.pid());
        return label.equals(v.comm()) || label.equals(String.valueOf(v.pid())) ? "" : "  (" + label + ")";
    }

    int pid(Statement s, int i) {
        String label = s.arg(i);
        Integer pid = labels.get(label);
        if (pid != null) return pid;
        if (label.chars().allMatch(Character::isDigit)) return Integer.parseInt(label);
        throw new ScenarioException(s.line(), "no process labelled '" + label + "'");
    }

    private int target(Statement s, String word) {
        if (word.equals("all")) return -1;
        if (word.equals("mygroup")) return 0;
        if (word.startsWith("group:")) {
            String g = word.substring(6);
            Integer pid = labels.get(g);
            if (pid == null) throw new ScenarioException(s.line(), "no process labelled '" + g + "'");
            return -pid;
        }
        Integer pid = labels.get(word);
        if (pid != null) return pid;
        if (!word.isEmpty() && word.chars().allMatch(Character::isDigit)) return Integer.parseInt(word);
        throw new ScenarioException(s.line(), "no process labelled '" + word + "'");
    }

    private static int signal(Statement s, int i) {
        try {
            return Signal.parse(s.arg(i));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.line(), e.getMessage());
        }
    }

    private static Disposition disposition(Statement s, int i) {
        return switch (s.arg(i)) {
            case "ignore" -> Disposition.IGNORE;
            case "default" -> Disposition.DEFAULT;
            case "catch" -> Disposition.CATCH;
            default -> throw new ScenarioException(s.line(), "disposition is ignore, default or catch");
        };
    }

    /** A duration, or {@code rand:A-B}: uniform between A and B, drawn from the scenario's seed. */
    private Duration duration(Statement s, int i) {
        try {
            String text = s.arg(i);
            if (text.startsWith("rand:")) {
                String[] range = text.substring(5).split("-", 2);
                if (range.length != 2) throw new IllegalArgumentException("rand:A-B, e.g. rand:1s-5s");
                long lo = Durations.parse(range[0]).toNanos(), hi = Durations.parse(range[1]).toNanos();
                return Duration.ofNanos(hi <= lo ? lo : k.random().nextLong(lo, hi));
            }
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(s.line(), e.getMessage());
        }
    }
}
