package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PidfdTest {

    @Test
    void aSignalSentThroughAPidfdReachesThatProcessOnly() {
        int bystander = Spawn.command("sleep", "30").start();
        int target = Spawn.command("sleep", "30").start();
        try (Pidfd pidfd = Pidfd.open(target)) {
            assertTrue(Fds.isCloseOnExec(pidfd.fd()));
            assertFalse(pidfd.awaitExit(Duration.ZERO));
            pidfd.sendSignal(Signal.SIGTERM);
            assertTrue(pidfd.awaitExit(Duration.ofSeconds(30)));
            assertEquals(new ChildStatus.Killed(target, 15, false), pidfd.waitid(Wait.WEXITED));
            assertSame(ChildStatus.NOTHING_READY, Wait.waitid(Wait.IdType.PID, bystander, Wait.WEXITED | Wait.WNOHANG));
            ErrnoException gone = assertThrows(ErrnoException.class, () -> pidfd.sendSignal(Signal.SIGTERM));
            assertSame(Errno.ESRCH, gone.errno());
        } finally {
            Children.killAndReap(bystander);
        }
    }

    @Test
    void openingAPidfdForAReapedChildIsEsrch() {
        int pid = Spawn.command("true").start();
        Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED);
        ErrnoException e = assertThrows(ErrnoException.class, () -> Pidfd.open(pid));
        assertEquals("pidfd_open(" + pid + "): ESRCH (No such process)", e.getMessage());
    }
}
