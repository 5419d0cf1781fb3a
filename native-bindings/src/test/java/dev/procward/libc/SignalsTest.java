package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void signalNamesFollowKillDashL() {
        assertEquals(15, Signal.parse("TERM"));
        assertEquals(15, Signal.parse("sigterm"));
        assertEquals(15, Signal.parse("15"));
        assertEquals(17, Signal.parse("CLD"));
        assertEquals(36, Signal.parse("RTMIN+2"));
        assertEquals(63, Signal.parse("SIGRTMAX-1"));
        assertEquals("SIGRTMIN+2", Signal.nameOf(36));
        assertEquals("SIGRTMAX-1", Signal.nameOf(63));
        assertEquals("SIGCHLD", Signal.nameOf(17));
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("NOPE"));
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("65"));
    }

    @Test
    void signalSetsUseTheKernelBitOrder() {
        SignalSet set = SignalSet.of(Signal.SIGHUP, Signal.SIGCHLD);
        assertEquals((1L << 0) | (1L << 16), set.bits());
        assertTrue(set.contains(17));
        assertEquals("{SIGHUP, SIGCHLD}", set.toString());
    }

    @Test
    void theThreadMaskChangesThroughAllThreeCalls() throws Exception {
        Thread t = new Thread(() -> {
            SignalSet before = Signals.pthreadSigmask(Signals.How.BLOCK, SignalSet.of(Signal.SIGUSR1));
            assertTrue(Signals.blocked().contains(Signal.SIGUSR1));
            Signals.sigprocmask(Signals.How.BLOCK, SignalSet.of(Signal.SIGUSR2));
            assertTrue(Signals.rtSigprocmask(Signals.How.UNBLOCK, SignalSet.of(Signal.SIGUSR1)).contains(Signal.SIGUSR2));
            assertFalse(Signals.blocked().contains(Signal.SIGUSR1));
            Signals.rtSigprocmask(Signals.How.SETMASK, before);
            assertEquals(before, Signals.blocked());
        });
        t.start();
        t.join();
    }

    @Test
    void aBlockedThreadDirectedSignalStaysPendingUntilASignalfdTakesIt() throws Exception {
        // SIGWINCH: ignored by default and unused by HotSpot, so nothing happens should it leak.
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            SignalSet winch = SignalSet.of(Signal.SIGWINCH);
            Signals.pthreadSigmask(Signals.How.BLOCK, winch);
            try (SignalFd fd = SignalFd.open(winch, true)) {
                assertTrue(fd.read().isEmpty());
                Signals.tgkill(Processes.pid(), Processes.threadId(), Signal.SIGWINCH.number());
                assertTrue(Signals.pending().contains(Signal.SIGWINCH));
                outcome.set(fd.read().orElseThrow());
                assertFalse(Signals.pending().contains(Signal.SIGWINCH));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        t.join();
        if (outcome.get() instanceof Throwable e) throw new AssertionError(e);
        SignalInfo info = (SignalInfo) outcome.get();
        assertEquals(Signal.SIGWINCH.number(), info.signal());
        assertEquals(Processes.pid(), info.pid());
        assertEquals(-6, info.code(), "SI_TKILL");
    }

    @Test
    void dispositionsCanBeIgnoredAndRestored() {
        int sig = Signal.SIGTTOU.number();
        assertSame(Signals.Disposition.DEFAULT, Signals.disposition(sig));
        assertSame(Signals.Disposition.DEFAULT, Signals.setDisposition(sig, Signals.Disposition.IGNORE));
        assertSame(Signals.Disposition.IGNORE, Signals.disposition(sig));
        assertSame(Signals.Disposition.IGNORE, Signals.setDisposition(sig, Signals.Disposition.DEFAULT));
        assertSame(Signals.Disposition.HANDLER, Signals.disposition(Signal.SIGSEGV.number()));
        assertThrows(IllegalArgumentException.class,
                () -> Signals.setDisposition(Signal.SIGSEGV.number(), Signals.Disposition.IGNORE));
    }

    @Test
    void anIgnoredSignalSetToDefaultInTheChildKillsIt() {
        int sig = Signal.SIGUSR1.number();
        Signals.setDisposition(sig, Signals.Disposition.IGNORE);
        try {
            int ignoring = Spawn.command("sleep", "30").start();
            int defaulted = Spawn.command("sleep", "30").defaultSignals(SignalSet.of(Signal.SIGUSR1)).start();
            Signals.kill(ignoring, sig);
            Signals.kill(defaulted, sig);
            assertEquals(new ChildStatus.Killed(defaulted, sig, false), Wait.waitid(Wait.IdType.PID, defaulted, Wait.WEXITED));
            assertSame(ChildStatus.NOTHING_READY, Wait.waitid(Wait.IdType.PID, ignoring, Wait.WEXITED | Wait.WNOHANG));
            Children.killAndReap(ignoring);
        } finally {
            Signals.setDisposition(sig, Signals.Disposition.DEFAULT);
        }
    }

    @Test
    void killpgReachesEveryMemberOfTheGroup() {
        int leader = Spawn.command("sleep", "30").processGroup(0).start();
        int member = Spawn.command("sleep", "30").processGroup(leader).start();
        Signals.killpg(leader, Signal.SIGTERM.number());
        assertEquals(new ChildStatus.Killed(leader, 15, false), Wait.waitid(Wait.IdType.PID, leader, Wait.WEXITED));
        assertEquals(new ChildStatus.Killed(member, 15, false), Wait.waitid(Wait.IdType.PID, member, Wait.WEXITED));
    }

    @Test
    void signallingADeadPidIsEsrch() {
        int pid = Spawn.command("true").start();
        Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED);
        ErrnoException e = assertThrows(ErrnoException.class, () -> Signals.kill(pid, Signal.SIGTERM));
        assertSame(Errno.ESRCH, e.errno());
        assertEquals("kill(" + pid + ", SIGTERM): ESRCH (No such process)", e.getMessage());
    }
}
