package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WaitTest {

    @Test
    void wnohangReportsNothingReadyWhileTheChildRuns() {
        int pid = Spawn.command("sleep", "30").start();
        try {
            assertSame(ChildStatus.NOTHING_READY, Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED | Wait.WNOHANG));
            assertSame(ChildStatus.NOTHING_READY, Wait.waitpid(pid, Wait.WNOHANG));
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void deathBySignalIsReportedWithTheSignal() {
        int pid = Spawn.command("sleep", "30").start();
        Signals.kill(pid, Signal.SIGTERM);
        ChildStatus status = Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED);
        assertEquals(new ChildStatus.Killed(pid, 15, false), status);
        assertEquals(143, ((ChildStatus.Terminated) status).shellStatus());
    }

    @Test
    void waitpidDecodesExitAndSignal() {
        int exits = Spawn.command("sh", "-c", "exit 3").start();
        assertEquals(new ChildStatus.Exited(exits, 3), Wait.waitpid(exits, 0));
        int killed = Spawn.command("sh", "-c", "kill -KILL $$").start();
        assertEquals(new ChildStatus.Killed(killed, 9, false), Wait.waitpid(killed, 0));
    }

    @Test
    void stopAndContinueAreReportedWhenAskedFor() {
        int pid = Spawn.command("sleep", "30").start();
        try {
            Signals.kill(pid, Signal.SIGSTOP);
            assertEquals(new ChildStatus.Stopped(pid, 19), Wait.waitid(Wait.IdType.PID, pid, Wait.WSTOPPED));
            Signals.kill(pid, Signal.SIGCONT);
            assertEquals(new ChildStatus.Continued(pid), Wait.waitid(Wait.IdType.PID, pid, Wait.WCONTINUED));
            Signals.kill(pid, Signal.SIGSTOP);
            assertEquals(new ChildStatus.Stopped(pid, 19), Wait.waitpid(pid, Wait.WUNTRACED));
            Signals.kill(pid, Signal.SIGCONT);
            assertEquals(new ChildStatus.Continued(pid), Wait.waitpid(pid, Wait.WCONTINUED));
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void wnowaitLeavesTheChildWaitable() {
        int pid = Spawn.command("sh", "-c", "exit 4").start();
        ChildStatus peek = Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED | Wait.WNOWAIT);
        assertEquals(new ChildStatus.Exited(pid, 4), peek);
        assertEquals("Z", Children.statFields(pid)[0]);
        assertEquals(peek, Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED));
    }

    @Test
    void waitingForSomeoneElsesProcessIsEchild() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Wait.waitid(Wait.IdType.PID, 1, Wait.WEXITED));
        assertSame(Errno.ECHILD, e.errno());
        ErrnoException w = assertThrows(ErrnoException.class, () -> Wait.waitpid(1, 0));
        assertEquals("waitpid(1): ECHILD (No child processes)", w.getMessage());
    }
}
