package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulingTest {

    private int pid;

    @BeforeEach
    void startSleeper() {
        pid = Spawn.command("sleep", "30").start();
    }

    @AfterEach
    void stopSleeper() {
        Children.killAndReap(pid);
    }

    /** The "policy" line of /proc/PID/sched, as the scheduler itself reports it. */
    private int procSchedPolicy() throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/sched")).stream()
                .filter(l -> l.startsWith("policy"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip()))
                .findFirst().orElseThrow();
    }

    @Test
    void batchWithNiceIsSetAndReadBack() throws Exception {
        Scheduling.setAttr(pid, Scheduling.SchedAttr.batch(5));
        Scheduling.SchedAttr attr = Scheduling.getAttr(pid);
        assertEquals(Scheduling.Policy.BATCH, attr.policy());
        assertEquals(5, attr.nice());
        assertEquals(3, procSchedPolicy());
    }

    @Test
    void idleIsSetAndReadBack() throws Exception {
        Scheduling.setAttr(pid, Scheduling.SchedAttr.idle());
        assertEquals(Scheduling.Policy.IDLE, Scheduling.getAttr(pid).policy());
        assertEquals(5, procSchedPolicy());
    }

    @Test
    void fifoNeedsPrivilege() throws Exception {
        Scheduling.SchedAttr fifo = Scheduling.SchedAttr.fifo(10);
        if (Processes.effectiveUid() != 0) {
            assertSame(Errno.EPERM, assertThrows(ErrnoException.class, () -> Scheduling.setAttr(pid, fifo)).errno());
            return;
        }
        Scheduling.setAttr(pid, fifo);
        assertEquals(fifo, Scheduling.getAttr(pid));
        assertEquals(1, procSchedPolicy());
        // RESETIDS does not shed root's privilege, but a child that dropped it would get EPERM: that
        // is covered by the non-root branch when the suite runs unprivileged.
    }

    @Test
    void roundRobinKeepsItsPriorityAsRoot() throws Exception {
        Children.requireRoot("SCHED_RR needs CAP_SYS_NICE");
        Scheduling.setAttr(pid, Scheduling.SchedAttr.roundRobin(3));
        assertEquals(Scheduling.SchedAttr.roundRobin(3), Scheduling.getAttr(pid));
        assertEquals(2, procSchedPolicy());
    }

    @Test
    void deadlineCarriesRuntimeDeadlineAndPeriod() throws Exception {
        Children.requireRoot("SCHED_DEADLINE needs CAP_SYS_NICE");
        Scheduling.SchedAttr dl = Scheduling.SchedAttr.deadline(1_000_000, 10_000_000, 100_000_000);
        Scheduling.setAttr(pid, dl);
        assertEquals(dl, Scheduling.getAttr(pid));
        assertEquals(6, procSchedPolicy());
    }

    @Test
    void niceThroughSetpriorityShowsInProcStat() {
        Scheduling.setPriority(Scheduling.Which.PROCESS, pid, 7);
        assertEquals(7, Scheduling.getPriority(Scheduling.Which.PROCESS, pid));
        assertEquals("7", Children.statFields(pid)[16]);
        assertEquals(7, Scheduling.getAttr(pid).nice());
    }

    @Test
    void aVanishedTargetIsEsrch() {
        assertSame(Errno.ESRCH, assertThrows(ErrnoException.class, () -> Scheduling.getAttr(Integer.MAX_VALUE)).errno());
        assertSame(Errno.EINVAL, assertThrows(ErrnoException.class,
                () -> Scheduling.setAttr(pid, new Scheduling.SchedAttr(Scheduling.Policy.BATCH, 0, 0, 50, 0, 0, 0))).errno());
    }
}
