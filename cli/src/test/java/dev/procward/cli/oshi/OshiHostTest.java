package dev.procward.cli.oshi;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.Snapshotter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The OSHI backend, tested on Linux where the truth is at hand: for the same real processes the
 * /proc rendered from OSHI and the real /proc, read by the same parsers, agree field by field.
 */
class OshiHostTest {
    private final List<Process> sleepers = new ArrayList<>();

    @BeforeEach
    void startRealProcesses() throws Exception {
        sleepers.add(new ProcessBuilder("sleep", "300").start());
        sleepers.add(new ProcessBuilder("sh", "-c", "sleep 300 & wait").start());
        // Compare settled processes: one caught starting up is R in one read and S in the next.
        long end = System.nanoTime() + 30_000_000_000L;
        for (Process p : sleepers) {
            while (Snapshotter.takeOne(Path.of("/proc"), (int) p.pid(), EnumSet.of(Field.STAT))
                    .map(s -> s.stat().state() != 'S' || !s.comm().matches("sleep|sh")).orElse(true)) {
                if (System.nanoTime() > end) fail("process " + p.pid() + " never settled");
                Thread.sleep(10);
            }
        }
    }

    @AfterEach
    void stop() {
        sleepers.forEach(Process::destroyForcibly);
    }

    @Test
    void oshisFieldsAgreeWithProcForTheSameProcesses() {
        Set<Field> fields = EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE);
        List<Integer> pids = new ArrayList<>();
        pids.add((int) ProcessHandle.current().pid());
        for (Process p : sleepers) pids.add((int) p.pid());
        SystemInfo si = new SystemInfo();
        List<OSProcess> described = new ArrayList<>();
        for (int pid : pids) described.add(si.getOperatingSystem().getProcess(pid));
        Path oshiRoot = OshiHost.render(si, described);
        for (int pid : pids) {
            ProcessSnapshot real = Snapshotter.takeOne(Path.of("/proc"), pid, fields).orElseThrow();
            ProcessSnapshot viaOshi = Snapshotter.takeOne(oshiRoot, pid, fields).orElseThrow();
            String who = "pid " + pid + " (" + real.comm() + ")";
            assertEquals(real.stat().ppid(), viaOshi.stat().ppid(), who);
            assertEquals(real.comm(), viaOshi.comm(), who);
            assertEquals(real.cmdline().args(), viaOshi.cmdline().args(), who);
            assertEquals(real.status().uids().real(), viaOshi.status().uids().real(), who);
            assertEquals(real.stat().startTime(), viaOshi.stat().startTime(), 2.0, who + ": start time in ticks");
            if (pid != ProcessHandle.current().pid()) { // a JVM's threads and memory move while we look
                assertEquals(real.stat().numThreads(), viaOshi.stat().numThreads(), who);
                assertEquals(real.stat().state(), viaOshi.stat().state(), who);
                assertEquals(real.stat().rss(), viaOshi.stat().rss(), who + ": rss pages");
                assertEquals(real.stat().vsize() / 1024, viaOshi.stat().vsize() / 1024, who + ": vsize kB");
            }
        }
    }
}
