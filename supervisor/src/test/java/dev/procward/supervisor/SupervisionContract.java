package dev.procward.supervisor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.procward.supervisor.SignalNames.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Supervision scenarios that must hold on every {@link Kernel}: the real one
 * ({@code LinuxSupervisionTest}) and the simulator's. A kernel's test extends this class and
 * supplies {@link #newKernel()} and {@link #programs()}. The supervisor runs as a child subreaper
 * (not PID 1); PID 1 scenarios are run against the packaged binary in cli's integration tests.
 */
public abstract class SupervisionContract {

    /** A fresh kernel for one scenario; closed after it. */
    protected abstract Kernel newKernel() throws Exception;

    /** How this kernel expresses the scenario programs. */
    protected abstract Programs programs();

    /** Delivers {@code signal} to the supervisor as an outside sender would (docker stop). */
    protected void deliverToSupervisor(Kernel kernel, int signal) throws KernelException {
        kernel.signal(kernel.pid(), signal);
    }

    /** How long a scenario may take before it counts as hung. Generous: CI machines are loaded. */
    protected Duration scenarioTimeout() {
        return Duration.ofSeconds(30);
    }

    protected Kernel kernel;
    protected final RecordingEvents events = new RecordingEvents();
    private final ExecutorService loopThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "supervisor-under-test");
        t.setDaemon(true);
        return t;
    });

    @BeforeEach
    void openKernel() throws Exception {
        kernel = newKernel();
    }

    @AfterEach
    void closeKernel() throws Exception {
        loopThread.shutdownNow();
        try {
            for (int pid : kernel.children()) {
                try { kernel.signal(pid, KILL); } catch (KernelException ignored) { }
            }
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (kernel.hasChildren() && System.nanoTime() < end) {
                if (kernel.reapAny().isEmpty()) kernel.awaitSignal(Duration.ofMillis(50));
            }
        } finally {
            kernel.close();
        }
    }

    protected SupervisorConfig.Builder config(List<String> argv) {
        return SupervisorConfig.builder(new Kernel.SpawnSpec(argv, true, false))
                .registerSubreaper(true).warnIfNotReaping(true);
    }

    protected int supervise(SupervisorConfig.Builder config) throws Exception {
        return start(config).get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    protected Future<Integer> start(SupervisorConfig.Builder config) {
        return start(config, events);
    }

    /** With {@link EventSink#NONE}: a loop that reports no reap, as {@code procward init} without --events. */
    protected Future<Integer> start(SupervisorConfig.Builder config, EventSink sink) {
        Supervisor supervisor = new Supervisor(kernel, config.build(), RecordingReporter.INSTANCE, sink);
        return loopThread.submit(supervisor::run);
    }

    protected int superviseUnrecorded(SupervisorConfig.Builder config) throws Exception {
        return start(config, EventSink.NONE).get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- exit codes ----

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42, 255})
    void passesTheChildsExitCodeThrough(int code) throws Exception {
        assertEquals(code, supervise(config(programs().exitWith(code))));
    }

    @ParameterizedTest
    @ValueSource(ints = {KILL, TERM, USR1})
    void reportsDeathBySignalNAs128PlusN(int signal) throws Exception {
        assertEquals(128 + signal, supervise(config(programs().killSelf(signal))));
    }

    @Test
    void aMissingProgramExits127() throws Exception {
        assertEquals(127, supervise(config(programs().missing())));
        assertEquals(1, events.spawnFailures.size());
        assertEquals("ENOENT", events.spawnFailures.getFirst());
    }

    @Test
    void aProgramThatIsNotExecutableExits126() throws Exception {
        assertEquals(126, supervise(config(programs().notExecutable())));
        assertEquals("EACCES", events.spawnFailures.getFirst());
    }

    @Test
    void dumbInitReportsExecFailureAs2() throws Exception {
        assertEquals(2, supervise(config(programs().missing()).execFailure(SupervisorConfig.ExecFailureCodes.DUMB_INIT)));
    }

    @Test
    void remapsListedExitCodesToZero() throws Exception {
        assertEquals(0, supervise(config(programs().exitWith(3)).remapToZero(3)));
        assertEquals(4, supervise(config(programs().exitWith(4)).remapToZero(3)));
    }

    @Test
    void remapAppliesToDeathBySignalToo() throws Exception {
        assertEquals(0, supervise(config(programs().killSelf(TERM)).remapToZero(128 + TERM)));
    }

    // ---- reaping ----

    @Test
    void reapsAdoptedOrphansAndWaitsForAllWithWaitAll() throws Exception {
        int orphans = 20;
        int code = supervise(config(programs().leaveOrphans(orphans, Duration.ofMillis(300))).waitAll(true));
        assertEquals(0, code);
        assertFalse(kernel.hasChildren(), "--wait-all returned while descendants were left");
        assertEquals(orphans + 1, events.reaped.size(), "every orphan and the main child are reaped: " + events.reaped);
    }

    @Test
    void withoutWaitAllExitsWhenTheMainChildExits() throws Exception {
        assertEquals(0, supervise(config(programs().leaveOrphans(3, Duration.ofSeconds(20)))));
        assertTrue(kernel.hasChildren(), "orphans that live 20 s are still there");
    }

    // ---- signals ----

    @Test
    void forwardsTermToTheChildWhoseHandlerDecidesTheExit() throws Exception {
        Programs.Program program = programs().trapping(TERM, 7);
        Future<Integer> run = start(config(program.argv()));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(7, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(events.forwarded.contains(TERM), "TERM forwarded: " + events.forwarded);
    }

    @Test
    void rewritesASignalBeforeForwardingIt() throws Exception {
        Programs.Program program = programs().trapping(USR1, 9);
        Future<Integer> run = start(config(program.argv()).rewrite(TERM, USR1));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(9, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void groupForwardingReachesAGrandchildWhoseParentIgnoresTheSignal() throws Exception {
        Programs.Program program = programs().ignoringParentOfTrapping(TERM, 5);
        Future<Integer> run = start(config(program.argv()).signalGroup(true));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(5, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    // ---- beyond tini and dumb-init ----

    @Test
    void graceKillsAChildThatIgnoresTerm() throws Exception {
        Programs.Program program = programs().ignoring(TERM);
        Future<Integer> run = start(config(program.argv()).grace(Duration.ofMillis(200)));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(128 + KILL, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(events.graceExpired, "the grace period ran out");
    }

    @Test
    void signalOrphansSendsTheShutdownSignalToAdoptedOrphans() throws Exception {
        Programs.Program program = programs().orphansThenTrapping(3, TERM);
        Future<Integer> run = start(config(program.argv()).signalOrphans(true).waitAll(true));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(0, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(kernel.hasChildren());
        assertEquals(3, events.orphansSignalled.size(), "each orphan got TERM: " + events.orphansSignalled);
    }

    @Test
    void anOrphanTheGroupSignalReachedIsNotSignalledAgain() throws Exception {
        // The orphans were born in the child's process group, so the forwarded group TERM reaches them.
        Programs.Program program = programs().orphansThenTrapping(3, TERM);
        Future<Integer> run = start(config(program.argv()).signalGroup(true).signalOrphans(true).waitAll(true));
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(0, run.get(scenarioTimeout().toMillis(), TimeUnit.MILLISECONDS));
        assertFalse(kernel.hasChildren());
        assertEquals(List.of(), events.orphansSignalled, "TERM went to the group once, not again to each orphan");
    }

    @Test
    void theExitTermToTheGroupIsNotSentAgainToItsOrphans() throws Exception {
        // dumb-init's TERM to the child's group on exit reaches the orphans born in that group.
        int code = supervise(config(programs().leaveOrphans(2, Duration.ofSeconds(60)))
                .termGroupOnExit(true).signalOrphans(true).waitAll(true));
        assertEquals(0, code);
        assertEquals(List.of(), events.orphansSignalled, "the orphans got the group's TERM only");
        assertEquals(List.of(TERM), events.forwarded, "one TERM, to the group");
    }

    @Test
    void restartsOnFailureUpToMaxRestartsWithBackoff() throws Exception {
        int code = supervise(config(programs().exitWith(3))
                .restart(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2, Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofSeconds(10))));
        assertEquals(3, code);
        assertEquals(3, events.spawned.size(), "first run plus two restarts");
        assertEquals(List.of(20L, 40L), events.restartDelaysMs, "the delay doubles");
    }

    @Test
    void onFailureDoesNotRestartASuccess() throws Exception {
        assertEquals(0, supervise(config(programs().exitWith(0)).restart(RestartPolicy.of(RestartPolicy.Mode.ON_FAILURE, 5))));
        assertEquals(1, events.spawned.size());
    }

    @Test
    void alwaysRestartsASuccessToo() throws Exception {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Mode.ALWAYS, 1, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertEquals(0, supervise(config(programs().exitWith(0)).restart(policy)));
        assertEquals(2, events.spawned.size());
    }

    @Test
    void eventsRecordEveryReapedProcessWithItsPid() throws Exception {
        supervise(config(programs().leaveOrphans(2, Duration.ofMillis(100))).waitAll(true));
        assertEquals(3, events.reaped.size());
        assertEquals(1, events.reaped.stream().filter(RecordingEvents.Reap::main).count());
        assertTrue(events.reaped.stream().allMatch(r -> r.pid() > 0));
        assertEquals(List.of(0), events.exits);
    }

    /** Collects what the loop reports, for assertions. */
    protected static final class RecordingEvents implements EventSink {
        public record Reap(int pid, String comm, boolean main, int status) {}

        public final List<Integer> spawned = Collections.synchronizedList(new ArrayList<>());
        public final List<String> spawnFailures = Collections.synchronizedList(new ArrayList<>());
        public final List<Integer> forwarded = Collections.synchronizedList(new ArrayList<>());
        public final List<Integer> orphansSignalled = Collections.synchronizedList(new ArrayList<>());
        public final List<Reap> reaped = Collections.synchronizedList(new ArrayList<>());
        public final List<Long> restartDelaysMs = Collections.synchronizedList(new ArrayList<>());
        public final List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
        public volatile boolean graceExpired;

        @Override public void spawned(int pid, List<String> argv, int attempt) { spawned.add(pid); }
        @Override public void spawnFailed(List<String> argv, String errnoName, int exitCode) { spawnFailures.add(errnoName); }
        @Override public void forwarded(int received, int sent, String target, int pid) {
            forwarded.add(sent);
            if (target.equals("orphan")) orphansSignalled.add(pid);
        }
        @Override public void reaped(Kernel.Reaped r, boolean main) {
            reaped.add(new Reap(r.exit().pid(), r.comm(), main, r.exit().shellStatus()));
        }
        @Override public void restarting(int attempt, Duration delay, int lastStatus) { restartDelaysMs.add(delay.toMillis()); }
        @Override public void graceExpired(Duration grace) { graceExpired = true; }
        @Override public void exited(int exitCode) { exits.add(exitCode); }
    }

    /** Keeps diagnostics out of the test output unless they are fatal. */
    enum RecordingReporter implements Reporter {
        INSTANCE;

        @Override public String initName() { return "procward"; }
        /** As procward's own reporter at the default verbosity: warnings and worse are shown. */
        @Override public boolean enabled(Level level) { return level.ordinal() <= Level.WARN.ordinal(); }
        @Override public void log(Level level, String message) { if (level == Level.FATAL) System.err.println(message); }
        @Override public void execFailed(String program, String reason) { }
    }
}
