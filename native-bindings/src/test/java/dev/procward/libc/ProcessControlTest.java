package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProcessControlTest {

    @Test
    void aSubreaperAdoptsAGrandchildWhoseParentExits() {
        Prctl.setChildSubreaper(true);
        try {
            assertTrue(Prctl.isChildSubreaper());
            Children.Run parent = Children.run(out -> Spawn.command("sh", "-c", "sleep 30 >/dev/null & echo $!").dup2(out, 1));
            assertEquals(0, ((ChildStatus.Exited) parent.status()).code());
            int grandchild = Integer.parseInt(parent.stdout().strip());
            Children.await("adoption of " + grandchild, () -> Children.ppid(grandchild) == Processes.pid());
            assertSame(ChildStatus.NOTHING_READY, Wait.waitid(Wait.IdType.PID, grandchild, Wait.WEXITED | Wait.WNOHANG));
            Signals.kill(grandchild, Signal.SIGKILL);
            assertEquals(new ChildStatus.Killed(grandchild, 9, false), Wait.waitid(Wait.IdType.PID, grandchild, Wait.WEXITED));
        } finally {
            Prctl.setChildSubreaper(false);
        }
        assertFalse(Prctl.isChildSubreaper());
    }

    @Test
    void threadNameAndParentDeathSignalAreSetAndReadBack() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Prctl.setName("procward-name-test"); // truncated to 15 bytes
                assertEquals("procward-name-t", Prctl.name());
                String comm = Files.readString(Path.of("/proc/self/task/" + Processes.threadId() + "/comm")).strip();
                assertEquals("procward-name-t", comm);
                assertEquals(0, Prctl.parentDeathSignal());
                Prctl.setParentDeathSignal(Signal.SIGTERM.number());
                assertEquals(15, Prctl.parentDeathSignal());
                Prctl.setParentDeathSignal(0);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
    }

    @Test
    void sessionCallsRefuseWhatTheKernelRefuses() {
        // the test JVM is not a group leader in general, but setsid from a group leader is EPERM:
        int pid = Spawn.command("sleep", "30").newSession().start();
        try {
            assertSame(Errno.ESRCH, assertThrows(ErrnoException.class, () -> Processes.getpgid(Integer.MAX_VALUE)).errno());
            // a child that leads its own session cannot be moved into our group
            assertSame(Errno.EPERM, assertThrows(ErrnoException.class, () -> Processes.setpgid(pid, Processes.getpgid(0))).errno());
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void aDescriptorWithoutATerminalHasNoForegroundGroup() {
        int[] pipe = Fds.pipe();
        try {
            assertSame(Errno.ENOTTY, assertThrows(ErrnoException.class, () -> Processes.tcgetpgrp(pipe[0])).errno());
        } finally {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
    }

    @Test
    void closeOnExecCanBeClearedAndSet() {
        int[] pipe = Fds.pipe();
        try {
            assertTrue(Fds.isCloseOnExec(pipe[0]));
            Fds.setCloseOnExec(pipe[0], false);
            assertFalse(Fds.isCloseOnExec(pipe[0]));
        } finally {
            Fds.close(pipe[0]);
            Fds.close(pipe[1]);
        }
        assertSame(Errno.EBADF, assertThrows(ErrnoException.class, () -> Fds.close(pipe[0])).errno());
    }

    @Test
    void sysconfGivesLinuxClockTicksAndThePageSize() {
        assertEquals(100, SysConf.clockTicks());
        assertTrue(SysConf.pageSize() >= 4096 && Long.bitCount(SysConf.pageSize()) == 1);
    }
}
