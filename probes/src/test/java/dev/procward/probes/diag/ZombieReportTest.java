package dev.procward.probes.diag;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ZombieReportTest extends LiveProcessTest {
    static ZombieReport report() {
        ProcessTable t = Snapshotter.take(PROC, EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE));
        var host = new HostProbe(PROC, HostProbe.DEFAULT_CGROUP_ROOT);
        return ZombieReport.of(t, host.pidHeadroom(t, host.ownCgroup()));
    }

    static ZombieReport.Parent groupOf(ZombieReport r, long ppid) {
        return r.parents().stream().filter(p -> p.pid() == ppid).findFirst().orElse(null);
    }

    @Test
    void aParentThatNeverWaitsIsTheBugAndItsZombiesAreCounted() throws Exception {
        // sh forks two children that exit at once, then becomes sleep, which never calls wait().
        Process parent = procs.start("sh", "-c", "sleep 0 & sleep 0 & exec sleep 1000");
        RealProcesses.await("two zombies", Duration.ofSeconds(30), () -> {
            var g = groupOf(report(), parent.pid());
            return g != null && g.zombieCount() == 2;
        });
        var g = groupOf(report(), parent.pid());
        assertEquals("sleep", g.comm());
        assertEquals("sleep 1000", g.cmdline());
        assertEquals(SigchldHandling.Summary.DEFAULT, g.sigchld().summary());
        assertEquals(ZombieReport.Remedy.RESTART_PARENT, g.remedy());
        assertTrue(g.advice().contains("procward signal TERM " + parent.pid()), g.advice());
        assertEquals(2, g.zombiePids().size());
        assertTrue(g.oldestAgeSeconds() >= 0);
        assertNotEquals(parent.pid(), g.adopter().pid());
    }

    @Test
    void aParentThatCatchesSigchldIsToldToBeNudged() throws Exception {
        RealProcesses.require(which("python3"), "python3");
        Process parent = procs.start("python3", "-c", """
                import os, signal, time
                signal.signal(signal.SIGCHLD, lambda *a: None)
                for _ in range(3):
                    if os.fork() == 0:
                        os._exit(0)
                time.sleep(1000)
                """);
        RealProcesses.await("three zombies", Duration.ofSeconds(30), () -> {
            var g = groupOf(report(), parent.pid());
            return g != null && g.zombieCount() == 3;
        });
        var g = groupOf(report(), parent.pid());
        assertTrue(g.sigchld().caught());
        assertEquals(ZombieReport.Remedy.SEND_SIGCHLD, g.remedy());
        assertTrue(g.advice().contains("procward signal CHLD " + parent.pid()), g.advice());
    }

    @Test
    void headroomCountsEveryTaskAgainstPidMax() {
        var r = report();
        assertTrue(r.headroom().pidMax() >= 301, "pid_max is at least 301 on Linux");
        assertTrue(r.headroom().tasks() >= r.headroom().processes());
        assertTrue(r.headroom().worstFraction() > 0 && r.headroom().worstFraction() < 1);
    }

    @Test
    void churnDuringTheReportRaisesNothing() throws Exception {
        procs.churn();
        procs.start("sh", "-c", "sleep 0 & exec sleep 1000");
        for (int i = 0; i < 30; i++) {
            assertDoesNotThrow(ZombieReportTest::report);
        }
    }

    @Test
    void groupsAreOrderedByZombieCount() {
        var zero = ZombieReport.of(new ProcessTable(dev.procward.probes.SystemInfo.read(PROC), List.of(), 0),
                new PidHeadroom(0, 0, 100, null));
        assertEquals(0, zero.zombies());
        assertEquals(List.of(), zero.parents());
    }

    private static boolean which(String cmd) {
        for (String dir : System.getenv("PATH").split(":")) if (new java.io.File(dir, cmd).canExecute()) return true;
        return false;
    }
}
