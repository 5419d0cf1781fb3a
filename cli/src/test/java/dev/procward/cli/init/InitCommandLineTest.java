package dev.procward.cli.init;

import dev.procward.supervisor.RestartPolicy;
import dev.procward.supervisor.SchedPolicy;
import dev.procward.supervisor.SupervisorConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.procward.supervisor.SignalNames.*;
import static org.junit.jupiter.api.Assertions.*;

class InitCommandLineTest {

    private static InitRequest parse(Personality p, Map<String, String> env, String... args) {
        return InitCommandLine.parse(p, List.of(args), env, 42);
    }

    private static InitRequest.Run run(Personality p, String... args) {
        return run(p, Map.of(), args);
    }

    private static InitRequest.Run run(Personality p, Map<String, String> env, String... args) {
        InitRequest r = parse(p, env, args);
        return assertInstanceOf(InitRequest.Run.class, r, r.toString());
    }

    private static InitRequest.Exit exit(Personality p, String... args) {
        InitRequest r = parse(p, Map.of(), args);
        return assertInstanceOf(InitRequest.Exit.class, r, r.toString());
    }

    @Test
    void nativeTakesTiniFlagsAndRegistersAsSubreaperByDefault() {
        SupervisorConfig c = run(Personality.PROCWARD, "-g", "-w", "-e", "3", "-e4", "-p", "SIGKILL", "--", "app", "-x").config().build();
        assertEquals(List.of("app", "-x"), c.child().argv());
        assertTrue(c.signalGroup() && c.warnOnReap() && c.registerSubreaper());
        assertEquals(java.util.Set.of(3, 4), c.remapToZero());
        assertEquals(KILL, c.parentDeathSignal().getAsInt());
        assertTrue(c.child().newProcessGroup() && c.child().takeTerminal() && !c.child().newSession());
    }

    @Test
    void nativeStopsAtTheFirstNonOption() {
        assertEquals(List.of("ls", "-l"), run(Personality.PROCWARD, "ls", "-l").config().child().argv());
    }

    @Test
    void verbosityCountsAndTiniVerbosityOverrides() {
        assertEquals(3, run(Personality.PROCWARD, "-vv", "app").verbosity());
        assertEquals(0, run(Personality.TINI, Map.of("TINI_VERBOSITY", "0"), "-v", "app").verbosity());
    }

    @Test
    void tiniEnvironmentVariablesSetSubreaperAndGroup() {
        SupervisorConfig c = run(Personality.TINI, Map.of("TINI_SUBREAPER", "", "TINI_KILL_PROCESS_GROUP", "1"), "app").config().build();
        assertTrue(c.registerSubreaper());
        assertTrue(c.signalGroup());
    }

    @Test
    void tiniWithoutSDoesNotRegisterButWarns() {
        SupervisorConfig c = run(Personality.TINI, "app").config().build();
        assertFalse(c.registerSubreaper());
        assertTrue(c.warnIfNotReaping());
    }

    @Test
    void tiniPermutesOptionsLikeGnuGetoptUnlessDoubleDashEndsThem() {
        assertTrue(run(Personality.TINI, "app", "-g").config().build().signalGroup());
        assertEquals(List.of("app", "-g"), run(Personality.TINI, "--", "app", "-g").config().child().argv());
    }

    @Test
    void tiniVersionOnlyAsTheSoleArgument() {
        assertTrue(exit(Personality.TINI, "--version").out().startsWith("tini version 0.19.0"));
    }

    @Test
    void tiniUsageErrorsExit1WithTheUsageOnStderr() {
        InitRequest.Exit e = exit(Personality.TINI, "-x", "app");
        assertEquals(1, e.code());
        assertTrue(e.err().startsWith("tini: invalid option -- 'x'\n"), e.err());
        assertTrue(e.err().contains("Usage: tini [OPTIONS] PROGRAM -- [ARGS] | --version"), e.err());
        assertEquals(1, exit(Personality.TINI).code());
    }

    @Test
    void tiniRejectsBadValuesWithItsFatalLine() {
        InitRequest.Exit e = exit(Personality.TINI, "-e", "256", "app");
        assertEquals(1, e.code());
        assertEquals("[FATAL tini (42)] Not a valid option for -e: 256\n", e.err());
        assertEquals("[FATAL tini (42)] Not a valid option for -p: KILL\n", exit(Personality.TINI, "-p", "KILL", "app").err());
    }

    @Test
    void tiniHelpAndLicenceGoToStdoutWithExit0() {
        assertEquals(0, exit(Personality.TINI, "-h").code());
        assertTrue(exit(Personality.TINI, "-h").out().contains("-e EXIT_CODE"));
        assertFalse(exit(Personality.TINI, "-l").out().isEmpty());
    }

    @Test
    void dumbInitRunsTheChildInANewSessionAndSignalsItsGroup() {
        SupervisorConfig c = run(Personality.DUMB_INIT, "app").config().build();
        assertTrue(c.child().newSession());
        assertTrue(c.signalGroup());
        assertTrue(c.termGroupOnExit());
        assertTrue(c.stopSelfOnTtyStop());
        assertEquals(Map.of(TSTP, STOP, TTIN, STOP, TTOU, STOP), c.rewrites());
        assertEquals(SupervisorConfig.ExecFailureCodes.DUMB_INIT, c.execFailure());
        assertFalse(c.registerSubreaper());
        assertFalse(c.warnIfNotReaping());
    }

    @Test
    void dumbInitSingleChildByFlagOrEnvironment() {
        for (InitRequest.Run r : List.of(run(Personality.DUMB_INIT, "-c", "app"),
                run(Personality.DUMB_INIT, Map.of("DUMB_INIT_SETSID", "0"), "app"))) {
            SupervisorConfig c = r.config().build();
            assertFalse(c.signalGroup(), r.toString());
        }
        SupervisorConfig env = run(Personality.DUMB_INIT, Map.of("DUMB_INIT_SETSID", "0"), "app").config().build();
        assertFalse(env.child().newSession());
        assertEquals(Map.of(), env.rewrites(), "no STOP rewrites outside setsid mode");
    }

    @Test
    void dumbInitRewritesAndAnExplicitRewriteWinsOverTheStopDefault() {
        SupervisorConfig c = run(Personality.DUMB_INIT, "-r", "15:10", "--rewrite=20:0", "app").config().build();
        assertEquals(USR1, c.rewrites().get(TERM));
        assertEquals(0, c.rewrites().get(TSTP));
        InitRequest.Exit bad = exit(Personality.DUMB_INIT, "-r", "15:99", "app");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("Usage: -r option takes <signum>:<signum>"), bad.err());
    }

    @Test
    void dumbInitWithoutProgramPrintsItsUsageLine() {
        InitRequest.Exit e = exit(Personality.DUMB_INIT);
        assertEquals(1, e.code());
        assertEquals("Usage: dumb-init [option] program [args]\nTry dumb-init --help for full usage.\n", e.err());
    }

    @Test
    void nativeSetsidIsDumbInitModeAndDumbInitSetsid0MeansSingleChild() {
        SupervisorConfig c = run(Personality.PROCWARD, "--setsid", "app").config().build();
        assertTrue(c.child().newSession() && c.signalGroup() && c.termGroupOnExit());
        SupervisorConfig single = run(Personality.PROCWARD, Map.of("DUMB_INIT_SETSID", "0"), "--setsid", "app").config().build();
        assertFalse(single.signalGroup());
    }

    @Test
    void extrasParse() {
        InitRequest.Run r = run(Personality.PROCWARD, "--grace", "1.5s", "--wait-all", "--signal-orphans", "--restart", "on-failure",
                "--max-restarts=3", "--events", "-", "--user", "nobody:nogroup", "--nice", "5", "--sched", "rr:10", "app");
        SupervisorConfig c = r.config().build();
        assertEquals(Duration.ofMillis(1500), c.grace().orElseThrow());
        assertTrue(c.waitAll() && c.signalOrphans());
        assertEquals(RestartPolicy.Mode.ON_FAILURE, c.restart().mode());
        assertEquals(3, c.restart().maxRestarts());
        assertEquals("-", r.events().orElseThrow());
        assertEquals("nobody:nogroup", r.user().orElseThrow());
        assertEquals(5, r.nice().getAsInt());
        assertEquals(new SchedPolicy.RoundRobin(10), r.sched().orElseThrow());
    }

    @Test
    void badExtrasAreOneLineUsageErrorsWithExit1() {
        for (String[] args : List.of(new String[] {"--nice", "40", "app"}, new String[] {"--grace", "soon", "app"},
                new String[] {"--restart", "sometimes", "app"}, new String[] {"--sched", "fifo:0", "app"},
                new String[] {"--frobnicate", "app"}, new String[] {"--grace"})) {
            InitRequest.Exit e = exit(Personality.PROCWARD, args);
            assertEquals(1, e.code(), String.join(" ", args));
            assertTrue(e.err().startsWith("procward init: "), e.err());
            assertEquals(2, e.err().lines().count(), "message plus hint: " + e.err());
        }
    }

    @Test
    void nativeHelpIsLeftToPicocli() {
        assertInstanceOf(InitRequest.Help.class, parse(Personality.PROCWARD, Map.of(), "--help"));
    }

    @Test
    void personalityFollowsTheInvocationName() {
        assertEquals(Personality.TINI, Personality.forInvocationName("/usr/local/bin/tini"));
        assertEquals(Personality.DUMB_INIT, Personality.forInvocationName("dumb-init"));
        assertEquals(Personality.PROCWARD, Personality.forInvocationName("procward"));
        assertEquals(Personality.PROCWARD, Personality.forInvocationName(null));
    }
}
