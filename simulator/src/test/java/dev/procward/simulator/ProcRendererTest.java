package dev.procward.simulator;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.diag.HostProbe;
import dev.procward.probes.diag.ZombieReport;
import dev.procward.probes.kernel.LoadAvg;
import dev.procward.probes.kernel.Wchan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The probes' own parsers read the rendered tree and see what the model holds, field by field. */
class ProcRendererTest {

    final SimulatedKernel k = new SimulatedKernel(SimConfig.host().withPidMax(1000));
    int web, zombie, nfs, stopped, busy;
    Path root;

    @BeforeEach
    void buildHost() throws Exception {
        web = k.fork(1);
        k.exec(web, List.of("/usr/sbin/web-server", "--port", "8080"));
        k.sigaction(web, Signal.PIPE, Disposition.IGNORE);
        k.sigaction(web, Signal.HUP, Disposition.CATCH);
        k.spawnThread(web);
        k.spawnThread(web);
        zombie = k.fork(web);
        k.exec(zombie, List.of("worker"));
        k.exit(zombie, 0);
        nfs = k.fork(1);
        k.exec(nfs, List.of("backup", "/mnt/nfs"));
        k.diskSleep(nfs, null, "nfs_wait_on_request");
        stopped = k.fork(1);
        k.kill(1, stopped, Signal.STOP);
        busy = k.fork(1);
        k.exec(busy, List.of("yes"));
        k.setBusy(busy, true);
        k.advance(Duration.ofSeconds(90));
        root = new ProcRenderer().renderToMemory(k);
    }

    ProcessTable table() {
        return Snapshotter.take(root, EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE, Field.STATM, Field.WCHAN));
    }

    @Test
    void everyProcessAppearsWithTheModelsIdsStatesAndNames() {
        Map<Integer, ProcessSnapshot> byPid = table().byPid();
        for (ProcessView v : k.processes()) {
            ProcessSnapshot s = byPid.get(v.pid());
            assertNotNull(s, "pid " + v.pid());
            assertEquals(v.comm(), s.stat().comm());
            assertEquals(v.state().letter(), s.stat().state());
            assertEquals(v.ppid(), s.stat().ppid());
            assertEquals(v.pgid(), s.stat().pgrp());
            assertEquals(v.sid(), s.stat().session());
            assertEquals(v.state().letter(), s.status().state());
            if (v.state() == ProcState.ZOMBIE) continue; // a zombie's handlers are gone, as on Linux
            assertEquals(v.blocked(), s.status().sigBlk());
            assertEquals(v.ignored(), s.status().sigIgn());
            assertEquals(v.caught(), s.status().sigCgt());
        }
        assertEquals(k.processes().size(), byPid.size());
    }

    @Test
    void threadsCommandLinesAndCpuTimeAreRendered() {
        Map<Integer, ProcessSnapshot> byPid = table().byPid();
        assertEquals(3, byPid.get(web).stat().numThreads());
        assertEquals(3, Snapshotter.threads(root, web, EnumSet.of(Field.STAT)).size());
        assertEquals(List.of("/usr/sbin/web-server", "--port", "8080"), byPid.get(web).cmdline().args());
        assertTrue(byPid.get(zombie).cmdline().isEmpty(), "a zombie has no command line");
        ProcessSnapshot yes = byPid.get(busy);
        assertEquals(9000, yes.stat().utime() + yes.stat().stime(), "90 s of one CPU at 100 Hz");
    }

    @Test
    void theZombieReportFindsTheLeakingParent() {
        ProcessTable t = table();
        ZombieReport r = ZombieReport.of(t, new HostProbe(root, root.resolve("no-cgroup")).pidHeadroom(t, new dev.procward.probes.kernel.CgroupResources.Usage("none", null, null, null)));
        assertEquals(1, r.zombies());
        assertEquals(web, r.parents().getFirst().pid());
        assertEquals(List.of(zombie), r.parents().getFirst().zombiePids());
        assertEquals(1000, r.headroom().pidMax());
    }

    @Test
    void dStateTasksShowTheirWchanAndCountInLoad() {
        assertEquals(Optional.of("nfs_wait_on_request"), Wchan.read(root, nfs, nfs).orElse(null));
        LoadAvg load = LoadAvg.read(root).orElse(null);
        assertEquals(2.0, load.one(), 0.001, "one D task and one R task");
    }
}
