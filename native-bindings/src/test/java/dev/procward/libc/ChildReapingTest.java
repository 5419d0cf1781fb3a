package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildReapingTest {

    @Test
    void kernelReleaseIsWhatUnameReports() throws Exception {
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(), ChildReaping.kernelRelease());
    }

    @Test
    void releasesCompareByMajorThenMinor() {
        assertTrue(ChildReaping.atLeast("6.15.0", 6, 15));
        assertTrue(ChildReaping.atLeast("6.18.44-fc-v1300", 6, 15));
        assertTrue(ChildReaping.atLeast("7.0", 6, 15));
        assertFalse(ChildReaping.atLeast("6.14.11-generic", 6, 15));
        assertFalse(ChildReaping.atLeast("5.19", 6, 15));
        assertFalse(ChildReaping.atLeast("4.4.0", 6, 15), "gVisor reports 4.4.0");
    }

    @Test
    void aRunningChildHasNoExitStatusYet() {
        int pid = Spawn.command("sleep", "30").start();
        try (Pidfd pidfd = Pidfd.open(pid)) {
            assertEquals(Optional.empty(), ChildReaping.exitStatus(pidfd));
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void withSigchldIgnoredTheKernelReapsAndThePidfdStillTellsTheExitCode() {
        Children.require(ChildReaping.pidfdKeepsExitStatus(), "Linux 6.15 (a pidfd keeps the exit status)");
        int pid = Spawn.command("sh", "-c", "sleep 0.2; exit 9").start();
        try (Pidfd pidfd = Pidfd.open(pid)) {
            ChildReaping.setKernelReaps(true);
            assertTrue(pidfd.awaitExit(Duration.ofSeconds(30)));
            assertEquals(new ChildStatus.Exited(pid, 9), awaitStatus(pidfd));
            ErrnoException reaped = assertThrows(ErrnoException.class,
                    () -> Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED | Wait.WNOHANG));
            assertSame(Errno.ECHILD, reaped.errno(), "no zombie left to wait for: the kernel reaped it");
        } finally {
            ChildReaping.setKernelReaps(false);
        }
    }

    @Test
    void aChildKilledBySignalIsReportedAsKilled() {
        Children.require(ChildReaping.pidfdKeepsExitStatus(), "Linux 6.15 (a pidfd keeps the exit status)");
        int pid = Spawn.command("sleep", "30").start();
        try (Pidfd pidfd = Pidfd.open(pid)) {
            ChildReaping.setKernelReaps(true);
            pidfd.sendSignal(Signal.SIGKILL);
            assertTrue(pidfd.awaitExit(Duration.ofSeconds(30)));
            assertEquals(new ChildStatus.Killed(pid, 9, false), awaitStatus(pidfd));
        } finally {
            ChildReaping.setKernelReaps(false);
        }
    }

    /** The pidfd turns readable at exit, a moment before the kernel's release stores the status. */
    private static ChildStatus.Terminated awaitStatus(Pidfd pidfd) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            Optional<ChildStatus.Terminated> status = ChildReaping.exitStatus(pidfd);
            if (status.isPresent()) return status.get();
            Thread.onSpinWait();
        }
        throw new AssertionError("no exit status within 10 s");
    }
}
