package dev.procward.simulator.scenario;

import dev.procward.simulator.ProcState;
import dev.procward.simulator.ProcessView;
import dev.procward.simulator.Signal;
import dev.procward.simulator.SimulatedKernel;
import dev.procward.simulator.TimelineEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The observable trajectory of a scenario, in the text form the real-kernel driver of the
 * differential suite prints (simulator/src/test/resources/differential/driver.py): per step the
 * statement and its result, the signals handlers caught, and every process with its state,
 * parent, group, session, thread count and signal masks (hex, bit sig-1). A zombie shows no
 * masks, as its handlers are gone.
 */
public final class Trajectory implements ScenarioRunner.Observer {
    private final ScenarioRunner runner;
    private final List<String> lines = new ArrayList<>();

    public Trajectory(ScenarioRunner runner) {
        this.runner = runner;
    }

    public static List<String> of(Scenario scenario) {
        ScenarioRunner r = new ScenarioRunner(scenario);
        Trajectory t = new Trajectory(r);
        r.run(t);
        return t.lines();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void afterStep(int index, Statement statement, String result, List<TimelineEvent> events, SimulatedKernel k) {
        lines.add("step " + (index + 1) + ": " + statement.text() + " => " + result);
        // A set per step: a program cannot count two deliveries of one signal that land before its
        // handler code runs (Python's handlers coalesce them, as the kernel coalesces pending ones).
        java.util.TreeSet<String> caught = new java.util.TreeSet<>();
        for (TimelineEvent e : events) {
            if (e instanceof TimelineEvent.Caught c) caught.add(runner.labelOf(c.pid()) + ":" + Signal.name(c.sig()));
        }
        if (!caught.isEmpty()) lines.add("  caught " + String.join(" ", caught));
        for (ProcessView v : k.processes()) lines.add("  " + process(v));
    }

    static String process(ProcessView v) {
        String head = v.pid() + " " + v.comm() + " " + v.state().letter() + " ppid=" + v.ppid() + " pgid=" + v.pgid() + " sid=" + v.sid();
        if (v.state() == ProcState.ZOMBIE) return head;
        return head + " thr=" + v.threads() + " pnd=" + Long.toHexString(v.pending()) + " blk=" + Long.toHexString(v.blocked())
                + " ign=" + Long.toHexString(v.ignored()) + " cgt=" + Long.toHexString(v.caught());
    }
}
