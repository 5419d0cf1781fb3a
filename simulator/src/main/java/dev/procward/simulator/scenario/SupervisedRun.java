package dev.procward.simulator.scenario;

import dev.procward.simulator.SimErrno;
import dev.procward.simulator.SimulatedKernel;
import dev.procward.simulator.SimulatedSupervisorKernel;
import dev.procward.simulator.WaitStatus;
import dev.procward.supervisor.Durations;
import dev.procward.supervisor.EventSink;
import dev.procward.supervisor.Kernel;
import dev.procward.supervisor.Reporter;
import dev.procward.supervisor.SignalNames;
import dev.procward.supervisor.Supervisor;
import dev.procward.supervisor.SupervisorConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * procward's own supervision loop as the scenario's PID 1: {@code supervise [--grace DUR]
 * [--wait-all] [--signal-orphans] [--group] -- ARGV...}. The loop runs on its own thread; the
 * scenario keeps the clock, and before and after each statement waits until the loop is idle, so
 * that a run is as deterministic as one without a supervisor.
 */
final class SupervisedRun implements AutoCloseable {
    private static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(30);

    private final SimulatedKernel k;
    private final SimulatedSupervisorKernel port;
    private final Thread loop;
    private final AtomicInteger mainPid = new AtomicInteger();
    private volatile boolean finished;

    private SupervisedRun(SimulatedKernel k, SimulatedSupervisorKernel port, SupervisorConfig config) {
        this.k = k;
        this.port = port;
        Supervisor supervisor = new Supervisor(port, config, new TimelineReporter(k), new TimelineEvents(k, mainPid));
        this.loop = Thread.ofPlatform().daemon().name("simulated-procward").unstarted(() -> {
            try {
                int code = supervisor.run();
                synchronized (k) {
                    k.note("procward exits with status " + code);
                    k.exit(1, code);
                }
            } catch (Exception e) {
                synchronized (k) {
                    k.note("procward failed: " + e.getMessage());
                }
            } finally {
                finished = true;
                synchronized (k) {
                    k.notifyAll();
                }
            }
        });
    }

    static SupervisedRun start(SimulatedKernel k, Statement s) throws SimErrno {
        int dash = s.args().indexOf("--");
        if (dash < 0 || dash == s.args().size() - 1) throw new ScenarioException(s.line(), "supervise [OPTIONS] -- PROGRAM ARGS...");
        List<String> argv = s.args().subList(dash + 1, s.args().size());
        SupervisorConfig.Builder b = SupervisorConfig.builder(new Kernel.SpawnSpec(argv, true, false));
        List<String> opts = s.args().subList(0, dash);
        for (int i = 0; i < opts.size(); i++) {
            switch (opts.get(i)) {
                case "--grace" -> b.grace(Durations.parse(opts.get(++i)));
                case "--wait-all" -> b.waitAll(true);
                case "--signal-orphans" -> b.signalOrphans(true);
                case "--group" -> b.signalGroup(true);
                default -> throw new ScenarioException(s.line(), "supervise: unknown option " + opts.get(i));
            }
        }
        k.setComm(1, "procward");
        SimulatedSupervisorKernel port = SimulatedSupervisorKernel.asInit(k);
        port.driveClockExternally();
        SupervisedRun run = new SupervisedRun(k, port, b.build());
        run.loop.start();
        run.awaitIdle();
        return run;
    }

    int awaitMainChild() {
        awaitIdle();
        return mainPid.get();
    }

    /** Runs a statement while the loop is idle, then lets the loop react until it is idle again. */
    String act(Supplier<String> statement) {
        awaitIdle();
        String result;
        synchronized (k) {
            result = statement.get();
            port.wake();
        }
        awaitIdle();
        return result;
    }

    /** Moves the clock in steps, stopping at every timer and at the loop's own deadline. */
    void advance(Duration d) {
        long target;
        synchronized (k) {
            target = k.now() + d.toNanos();
        }
        while (true) {
            awaitIdle();
            synchronized (k) {
                if (k.now() >= target) return;
                long stop = target;
                if (!finished) stop = Math.min(stop, port.idleDeadline());
                long timer = k.nextTimer();
                if (timer >= 0) stop = Math.min(stop, timer);
                k.advanceTo(Math.max(stop, k.now()));
                port.wake();
            }
        }
    }

    private void awaitIdle() {
        long end = System.nanoTime() + REAL_TIME_LIMIT.toNanos();
        synchronized (k) {
            while (!finished && !port.idle()) {
                long left = end - System.nanoTime();
                if (left <= 0) throw new ScenarioException(0, "the supervised loop did not settle within " + REAL_TIME_LIMIT.toSeconds() + " s");
                try {
                    k.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScenarioException(0, "interrupted");
                }
            }
        }
    }

    @Override
    public void close() {
        if (loop.isAlive()) loop.interrupt();
        try {
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop's log lines, kept in the timeline rather than printed. */
    private record TimelineReporter(SimulatedKernel k) implements Reporter {
        @Override public String initName() { return "procward"; }
        @Override public void log(Level level, String message) {
            if (level.compareTo(Level.INFO) <= 0) synchronized (k) { k.note("procward: " + message); }
        }
        @Override public void execFailed(String program, String reason) {
            synchronized (k) { k.note("procward: exec " + program + " failed: " + reason); }
        }
    }

    private record TimelineEvents(SimulatedKernel k, AtomicInteger mainPid) implements EventSink {
        @Override public void spawned(int pid, List<String> argv, int attempt) {
            mainPid.compareAndSet(0, pid);
        }
        @Override public void forwarded(int received, int sent, String target, int pid) {
            synchronized (k) {
                k.note("procward: " + SignalNames.name(received) + " -> " + SignalNames.name(sent) + " to " + target + (pid > 0 ? " " + pid : ""));
            }
        }
        @Override public void graceExpired(Duration grace) {
            synchronized (k) { k.note("procward: grace period of " + grace.toMillis() + " ms is over"); }
        }
        @Override public void reaped(Kernel.Reaped r, boolean main) {
            synchronized (k) {
                k.note("procward: reaped " + r.exit().pid() + (main ? " (main child)" : "") + ", "
                        + WaitStatus.describe(r.exit().killed() ? WaitStatus.signaled(r.exit().codeOrSignal(), r.exit().coreDumped())
                        : WaitStatus.exited(r.exit().codeOrSignal())));
            }
        }
    }
}
