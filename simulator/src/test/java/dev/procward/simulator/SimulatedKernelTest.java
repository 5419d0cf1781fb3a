package dev.procward.simulator;

import dev.procward.simulator.SimulatedKernel.MaskHow;
import dev.procward.simulator.SimulatedKernel.WaitResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.procward.simulator.SimulatedKernel.OUTSIDE;
import static dev.procward.simulator.SimulatedKernel.WCONTINUED;
import static dev.procward.simulator.SimulatedKernel.WNOHANG;
import static dev.procward.simulator.SimulatedKernel.WUNTRACED;
import static org.junit.jupiter.api.Assertions.*;

class SimulatedKernelTest {

    final SimulatedKernel k = new SimulatedKernel(SimConfig.namespace());

    ProcessView p(int pid) {
        return k.process(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    }

    ProcState state(int pid) {
        return p(pid).state();
    }

    static String errno(ThrowingRunnable r) {
        SimErrno e = assertThrows(SimErrno.class, r::run);
        return e.errnoName();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    boolean caught(int pid, int sig) {
        return k.timeline().stream().anyMatch(e -> e instanceof TimelineEvent.Caught c && c.pid() == pid && c.sig() == sig);
    }

    @Nested
    class ForkExitWait {
        @Test
        void childInheritsGroupSessionDispositionsAndMaskButNotPendingOrSubreaper() throws Exception {
            k.sigaction(1, Signal.USR1, Disposition.IGNORE);
            k.sigprocmask(1, MaskHow.BLOCK, Signal.bit(Signal.USR2));
            k.kill(1, 1, Signal.USR2);
            k.setSubreaper(1, true);
            int c = k.fork(1);
            assertEquals(2, c);
            ProcessView v = p(c);
            assertEquals(1, v.ppid());
            assertEquals(1, v.pgid());
            assertEquals(1, v.sid());
            assertEquals(Signal.bit(Signal.USR1), v.ignored());
            assertEquals(Signal.bit(Signal.USR2), v.blocked());
            assertEquals(0, v.pending());
            assertFalse(v.subreaper());
        }

        @Test
        void anExitedChildIsAZombieUntilItsParentWaits() throws Exception {
            int c = k.fork(1);
            k.exit(c, 3);
            assertEquals(ProcState.ZOMBIE, state(c));
            assertEquals(new WaitResult(c, WaitStatus.exited(3)), k.waitpid(1, -1, WNOHANG));
            assertFalse(k.exists(c));
            assertEquals("ECHILD", errno(() -> k.waitpid(1, -1, WNOHANG)));
        }

        @Test
        void wnohangReturnsNothingWhileChildrenLive() throws Exception {
            int a = k.fork(1);
            assertEquals(WaitResult.NOTHING, k.waitpid(1, -1, WNOHANG));
            assertEquals("ECHILD", errno(() -> k.waitpid(1, a + 5, WNOHANG)));
        }

        @Test
        void waitReapsInChildListOrderWithAdoptedOrphansLast() throws Exception {
            int a = k.fork(1);
            int b = k.fork(a);
            int c = k.fork(1);
            k.exit(b, 2);      // zombie child of a
            k.exit(a, 1);      // b is reparented to 1, still a zombie, appended after c
            k.exit(c, 4);
            assertEquals(a, k.waitpid(1, -1, WNOHANG).pid());
            assertEquals(c, k.waitpid(1, -1, WNOHANG).pid());
            assertEquals(b, k.waitpid(1, -1, WNOHANG).pid());
        }

        @Test
        void waitOnAGroupSelectsOnlyItsMembers() throws Exception {
            int a = k.fork(1);
            int b = k.fork(1);
            k.setpgid(b, 0, 0);
            k.exit(a, 0);
            k.exit(b, 0);
            assertEquals(b, k.waitpid(1, -b, WNOHANG).pid());
            assertEquals(a, k.waitpid(1, 0, WNOHANG).pid());
        }

        @Test
        void untracedAndContinuedAreReportedOnceEach() throws Exception {
            int c = k.fork(1);
            k.kill(1, c, Signal.STOP);
            assertEquals(new WaitResult(c, WaitStatus.stopped(Signal.STOP)), k.waitpid(1, c, WNOHANG | WUNTRACED));
            assertEquals(WaitResult.NOTHING, k.waitpid(1, c, WNOHANG | WUNTRACED));
            k.kill(1, c, Signal.CONT);
            assertEquals(new WaitResult(c, WaitStatus.CONTINUED), k.waitpid(1, c, WNOHANG | WCONTINUED));
            assertEquals(ProcState.SLEEPING, state(c));
        }
    }

    @Nested
    class Reparenting {
        @Test
        void orphansGoToTheNearestLiveSubreaper() throws Exception {
            int s = k.fork(1);
            k.setSubreaper(s, true);
            int mid = k.fork(s);
            int low = k.fork(mid);
            int leaf = k.fork(low);
            k.exit(low, 0);
            assertEquals(s, p(leaf).ppid());
            assertEquals(List.of(mid, leaf), k.children(s));
        }

        @Test
        void withoutASubreaperOrphansGoToPid1() throws Exception {
            int a = k.fork(1);
            int b = k.fork(a);
            k.exit(a, 0);
            assertEquals(1, p(b).ppid());
        }

        @Test
        void anOrphanedZombieIsReapedAtOnceWhenTheNewParentIgnoresSigchld() throws Exception {
            k.sigaction(1, Signal.CHLD, Disposition.IGNORE);
            int a = k.fork(1);
            k.sigaction(a, Signal.CHLD, Disposition.DEFAULT);
            int b = k.fork(a);
            k.exit(b, 7);
            assertEquals(ProcState.ZOMBIE, state(b));
            k.exit(a, 0);
            assertFalse(k.exists(b));
            assertFalse(k.exists(a));
        }

        @Test
        void theParentDeathSignalReachesTheChildWhenItsParentExits() throws Exception {
            int a = k.fork(1);
            int b = k.fork(a);
            k.setParentDeathSignal(b, Signal.TERM);
            k.exit(a, 0);
            assertEquals(ProcState.ZOMBIE, state(b));
            assertEquals(WaitStatus.signaled(Signal.TERM, false), p(b).exitStatus());
        }
    }

    @Nested
    class AutomaticReaping {
        @Test
        void sigchldIgnoredReapsAtOnceAndSendsNoSignal() throws Exception {
            int c = k.fork(1);
            k.sigaction(c, Signal.CHLD, Disposition.IGNORE);
            int g = k.fork(c);
            k.exit(g, 0);
            assertFalse(k.exists(g));
            assertEquals("ECHILD", errno(() -> k.waitpid(c, -1, WNOHANG)));
        }

        @Test
        void noCldWaitReapsAtOnceButACaughtSigchldStillArrives() throws Exception {
            int c = k.fork(1);
            k.sigactionChild(c, Disposition.CATCH, true, false);
            int g = k.fork(c);
            k.exit(g, 0);
            assertFalse(k.exists(g));
            assertTrue(caught(c, Signal.CHLD));
        }
    }

    @Nested
    class Signals {
        @Test
        void defaultTerminateAndCoreActions() throws Exception {
            int a = k.fork(1), b = k.fork(1);
            k.kill(1, a, Signal.TERM);
            k.kill(1, b, Signal.QUIT);
            assertEquals(WaitStatus.signaled(Signal.TERM, false), p(a).exitStatus());
            assertEquals(WaitStatus.signaled(Signal.QUIT, false), p(b).exitStatus(), "no core without RLIMIT_CORE");
            SimulatedKernel dumping = new SimulatedKernel(SimConfig.namespace().withCoreDumps(true));
            int c = dumping.fork(1);
            dumping.kill(1, c, Signal.SEGV);
            assertTrue(WaitStatus.coreDumped(dumping.process(c).orElseThrow().exitStatus()));
        }

        @Test
        void defaultIgnoredSignalsChangeNothing() throws Exception {
            int a = k.fork(1);
            for (int s : new int[]{Signal.CHLD, Signal.URG, Signal.WINCH, Signal.CONT}) k.kill(1, a, s);
            assertEquals(ProcState.SLEEPING, state(a));
            assertEquals(0, p(a).pending());
        }

        @Test
        void aBlockedSignalWaitsPendingAndActsWhenUnblocked() throws Exception {
            int a = k.fork(1);
            k.sigprocmask(a, MaskHow.BLOCK, Signal.bit(Signal.TERM));
            k.kill(1, a, Signal.TERM);
            k.kill(1, a, Signal.TERM);
            assertEquals(Signal.bit(Signal.TERM), p(a).pending());
            k.sigprocmask(a, MaskHow.UNBLOCK, Signal.bit(Signal.TERM));
            assertEquals(ProcState.ZOMBIE, state(a));
        }

        @Test
        void caughtSignalsRunTheHandlerAndIgnoredOnesVanish() throws Exception {
            int a = k.fork(1);
            k.sigaction(a, Signal.TERM, Disposition.CATCH);
            k.sigaction(a, Signal.INT, Disposition.IGNORE);
            k.kill(1, a, Signal.TERM);
            k.kill(1, a, Signal.INT);
            assertTrue(caught(a, Signal.TERM));
            assertEquals(ProcState.SLEEPING, state(a));
        }

        @Test
        void killAndStopCanBeNeitherCaughtNorIgnoredNorBlocked() throws Exception {
            int a = k.fork(1);
            assertEquals("EINVAL", errno(() -> k.sigaction(a, Signal.KILL, Disposition.CATCH)));
            assertEquals("EINVAL", errno(() -> k.sigaction(a, Signal.STOP, Disposition.IGNORE)));
            k.sigprocmask(a, MaskHow.SETMASK, -1L);
            assertEquals(0, p(a).blocked() & (Signal.bit(Signal.KILL) | Signal.bit(Signal.STOP)));
            k.kill(1, a, Signal.STOP);
            assertEquals(ProcState.STOPPED, state(a));
            k.kill(1, a, Signal.KILL);
            assertEquals(WaitStatus.signaled(Signal.KILL, false), p(a).exitStatus());
        }

        @Test
        void aStoppedProcessKeepsTermPendingAndDiesOnContinue() throws Exception {
            int a = k.fork(1);
            k.kill(1, a, Signal.STOP);
            k.kill(1, a, Signal.TERM);
            assertEquals(ProcState.STOPPED, state(a));
            k.kill(1, a, Signal.CONT);
            assertEquals(WaitStatus.signaled(Signal.TERM, false), p(a).exitStatus());
        }

        @Test
        void aStopTakenWhileAHandlerFrameIsSetUpSuspendsTheTaskInsideItsHandler() throws Exception {
            int a = k.fork(1);
            k.sigaction(a, Signal.CHLD, Disposition.CATCH);
            int b = k.fork(a);
            k.diskSleep(a, Duration.ofSeconds(10), "io_schedule");
            k.exit(b, 0);                   // SIGCHLD (17) waits while a is in D-state
            k.kill(1, a, Signal.STOP);      // and so does STOP (19)
            k.advance(Duration.ofSeconds(10));
            assertEquals(ProcState.STOPPED, state(a));
            assertEquals(Signal.bit(Signal.CHLD), p(a).blocked(), "CHLD blocked for its handler");
            assertFalse(caught(a, Signal.CHLD), "the handler has not run yet");
            k.kill(1, a, Signal.CONT);
            assertTrue(caught(a, Signal.CHLD));
            assertEquals(0, p(a).blocked(), "sigreturn restored the mask");
        }

        @Test
        void groupSignalsReachTheNewestMemberFirst() throws Exception {
            int a = k.fork(1);
            k.setpgid(a, 0, 0);
            int b = k.fork(a);
            int c = k.fork(a);
            k.kill(1, -a, Signal.TERM);
            List<Integer> order = k.timeline().stream().filter(e -> e instanceof TimelineEvent.Exited).map(e -> ((TimelineEvent.Exited) e).pid()).toList();
            assertEquals(List.of(c, b, a), order);
        }

        @Test
        void killMinusOneSparesPid1AndTheSender() throws Exception {
            int a = k.fork(1), b = k.fork(1);
            k.kill(a, -1, Signal.TERM);
            assertEquals(ProcState.SLEEPING, state(a));
            assertEquals(ProcState.ZOMBIE, state(b));
            assertEquals(ProcState.SLEEPING, state(1));
        }

        @Test
        void signallingANonexistentGroupIsEsrch() {
            assertEquals("ESRCH", errno(() -> k.kill(1, -77, Signal.TERM)));
            assertEquals("ESRCH", errno(() -> k.kill(1, 77, 0)));
        }
    }

    @Nested
    class Pid1Protection {
        @Test
        void fromInsideOnlySignalsWithAHandlerReachPid1() throws Exception {
            int a = k.fork(1);
            k.kill(a, 1, Signal.TERM);
            k.kill(a, 1, Signal.KILL);
            k.kill(a, 1, Signal.STOP);
            assertEquals(ProcState.SLEEPING, state(1));
            k.sigaction(1, Signal.TERM, Disposition.CATCH);
            k.kill(a, 1, Signal.TERM);
            assertTrue(caught(1, Signal.TERM));
        }

        @Test
        void fromOutsideSigkillEndsANamespaceInitAndEveryoneInIt() throws Exception {
            int a = k.fork(1);
            k.kill(OUTSIDE, 1, Signal.TERM);
            assertEquals(ProcState.SLEEPING, state(1));
            k.kill(OUTSIDE, 1, Signal.KILL);
            assertEquals(ProcState.ZOMBIE, state(1));
            assertFalse(k.exists(a));
        }

        @Test
        void theGlobalInitIgnoresSigkillFromEveryone() throws Exception {
            SimulatedKernel host = new SimulatedKernel(SimConfig.host());
            host.kill(OUTSIDE, 1, Signal.KILL);
            assertEquals(ProcState.SLEEPING, host.process(1).orElseThrow().state());
            assertFalse(host.panicked());
        }

        @Test
        void aBlockedDefaultSignalStaysPendingOnPid1AndIsDroppedWhenUnblocked() throws Exception {
            k.sigprocmask(1, MaskHow.BLOCK, Signal.bit(Signal.TERM));
            int a = k.fork(1);
            k.kill(a, 1, Signal.TERM);
            assertEquals(Signal.bit(Signal.TERM), p(1).pending());
            k.sigprocmask(1, MaskHow.UNBLOCK, Signal.bit(Signal.TERM));
            assertEquals(0, p(1).pending());
            assertEquals(ProcState.SLEEPING, state(1));
        }
    }

    @Nested
    class GroupsAndSessions {
        @Test
        void setpgidAndSetsidFollowTheKernelsRules() throws Exception {
            int a = k.fork(1);
            assertEquals("EPERM", errno(() -> k.setsid(1)), "a group leader cannot start a session");
            assertEquals(a, k.setsid(a));
            assertEquals("EPERM", errno(() -> k.setpgid(a, 0, 0)), "a session leader cannot change group");
            int b = k.fork(a);
            assertEquals("ESRCH", errno(() -> k.setpgid(1, b, 0)), "neither the caller nor its child");
        }

        @Test
        void setpgidOnAChildThatExecdIsEacces() throws Exception {
            int a = k.fork(1);
            k.exec(a, List.of("/bin/sleep", "1"));
            assertEquals("EACCES", errno(() -> k.setpgid(1, a, a)));
            assertEquals("sleep", p(a).comm());
        }

        @Test
        void aNewlyOrphanedGroupWithStoppedMembersGetsHupAndCont() throws Exception {
            int leader = k.fork(1);
            k.setsid(leader);
            int mid = k.fork(leader);
            k.setpgid(mid, 0, 0);
            int stopped = k.fork(mid);
            int survivor = k.fork(mid);
            k.sigaction(survivor, Signal.HUP, Disposition.CATCH);
            k.kill(leader, stopped, Signal.STOP);
            k.kill(leader, survivor, Signal.STOP);
            k.exit(mid, 0);
            assertEquals(WaitStatus.signaled(Signal.HUP, false), p(stopped).exitStatus());
            assertEquals(ProcState.SLEEPING, state(survivor));
            assertTrue(caught(survivor, Signal.HUP));
        }

        @Test
        void tstpToAnOrphanedGroupIsDiscardedButStopStillStops() throws Exception {
            int a = k.fork(1);
            k.setsid(a);
            k.kill(1, a, Signal.TSTP);
            assertEquals(ProcState.SLEEPING, state(a));
            k.kill(1, a, Signal.STOP);
            assertEquals(ProcState.STOPPED, state(a));
        }
    }

    @Nested
    class DiskSleep {
        @Test
        void aDStateTaskIgnoresEverySignalUntilItsIoCompletes() throws Exception {
            int a = k.fork(1);
            k.diskSleep(a, Duration.ofSeconds(30), "nfs_wait_on_request");
            k.kill(1, a, Signal.TERM);
            k.kill(1, a, Signal.KILL);
            k.kill(1, a, Signal.STOP);
            k.advance(Duration.ofSeconds(29));
            assertEquals(ProcState.DISK_SLEEP, state(a));
            k.advance(Duration.ofSeconds(1));
            assertEquals(ProcState.ZOMBIE, state(a));
            assertEquals(WaitStatus.signaled(Signal.TERM, false), p(a).exitStatus(), "TERM took the fatal fast path first");
        }

        @Test
        void aProgramInDStateCannotExitUntilItWakes() throws Exception {
            int a = k.fork(1);
            k.exitAfter(a, 0, Duration.ofSeconds(1));
            k.diskSleep(a, null, "io_schedule");
            k.advance(Duration.ofHours(1));
            assertEquals(ProcState.DISK_SLEEP, state(a));
            k.completeIo(a);
            assertEquals(ProcState.ZOMBIE, state(a));
        }
    }

    @Nested
    class PidAllocation {
        @Test
        void forkFailsWithEagainWhenPidMaxIsReachedAndReusesOnlyAbove300AfterTheWrap() throws Exception {
            SimulatedKernel small = new SimulatedKernel(SimConfig.namespace().withPidMax(310));
            int last = 0;
            for (int i = 2; i < 310; i++) last = small.fork(1);
            assertEquals(309, last);
            assertEquals("EAGAIN", errno(() -> small.fork(1)));
            small.exit(5, 0);
            small.waitpid(1, 5, WNOHANG);
            assertEquals("EAGAIN", errno(() -> small.fork(1)), "after the wrap pids below 300 are not reused");
            small.exit(305, 0);
            small.waitpid(1, 305, WNOHANG);
            assertEquals(305, small.fork(1));
        }

        @Test
        void threadsAndLiveGroupIdsHoldTheirNumbers() throws Exception {
            int a = k.fork(1);
            k.setpgid(a, 0, 0);
            int b = k.fork(a);
            int tid = k.spawnThread(b);
            assertEquals(b + 1, tid);
            k.exit(a, 0);
            k.waitpid(1, a, WNOHANG);
            assertTrue(k.fork(1) > tid, "pid " + a + " still names b's process group");
        }
    }

    @Nested
    class Exec {
        @Test
        void execResetsCaughtKeepsIgnoredAndMaskAndClearsNoCldWait() throws Exception {
            int a = k.fork(1);
            k.sigaction(a, Signal.TERM, Disposition.CATCH);
            k.sigaction(a, Signal.INT, Disposition.IGNORE);
            k.sigactionChild(a, Disposition.DEFAULT, true, false);
            k.sigprocmask(a, MaskHow.BLOCK, Signal.bit(Signal.USR1));
            k.exec(a, List.of("/usr/bin/worker"));
            ProcessView v = p(a);
            assertEquals(0, v.caught());
            assertEquals(Signal.bit(Signal.INT), v.ignored());
            assertEquals(Signal.bit(Signal.USR1), v.blocked());
            int g = k.fork(a);
            k.exit(g, 0);
            assertEquals(ProcState.ZOMBIE, state(g), "SA_NOCLDWAIT did not survive exec");
        }
    }

    @Test
    void theSameSeedGivesTheSameTimeline() throws Exception {
        assertEquals(storm(42), storm(42));
        assertNotEquals(storm(42), storm(43));
    }

    private List<String> storm(long seed) throws Exception {
        SimulatedKernel s = new SimulatedKernel(SimConfig.host().withSeed(seed));
        s.setReaper(1, true);
        int parent = s.fork(1);
        for (int i = 0; i < 20; i++) {
            int c = s.fork(parent);
            s.exitAfter(c, i % 3, Duration.ofMillis(s.random().nextInt(1, 5000)));
        }
        s.exit(parent, 0);
        s.advance(Duration.ofSeconds(10));
        return s.timeline().stream().map(e -> e.time() + " " + e.describe()).toList();
    }
}
