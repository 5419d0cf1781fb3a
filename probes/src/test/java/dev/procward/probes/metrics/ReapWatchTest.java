package dev.procward.probes.metrics;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.Snapshotter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Judged on real init programs and a real plain program, as they sit waiting for a child. */
class ReapWatchTest {

    static ProcessSnapshot settled(Process p, String comm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var s = Snapshotter.takeOne(Path.of("/proc"), (int) p.pid(), EnumSet.of(Field.STATUS, Field.WCHAN));
            // After the exec, once it sleeps waiting for its child (a wait channel is shown).
            if (s.isPresent() && s.get().status() != null && s.get().comm().equals(comm)
                    && s.get().state() == 'S' && s.get().wchan() != null && !s.get().wchan().isEmpty()
                    && !s.get().wchan().equals("0")) {
                return s.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError(comm + " never settled");
    }

    static boolean canReap(List<String> command, String comm) throws Exception {
        boolean present = Files.isExecutable(Path.of(command.getFirst()));
        if ("true".equals(System.getenv("CI"))) assertTrue(present, command.getFirst() + " is installed in CI");
        assumeTrue(present, command.getFirst() + " not installed");
        Process p = new ProcessBuilder(command).start();
        try {
            ProcessSnapshot s = settled(p, comm);
            return ReapWatch.canLearnOfChildDeaths(s.status(), s.wchan());
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tiniWaitsInSigtimedwaitWithAnEmptyMask() throws Exception {
        assertTrue(canReap(List.of("/usr/bin/tini", "-s", "--", "sleep", "60"), "tini"));
    }

    @Test
    void dumbInitCatchesSigchld() throws Exception {
        assertTrue(canReap(List.of("/usr/bin/dumb-init", "sleep", "60"), "dumb-init"));
    }

    @Test
    void catatonitReadsASignalfd() throws Exception {
        assertTrue(canReap(List.of("/usr/bin/catatonit", "--", "sleep", "60"), "catatonit"));
    }

    @Test
    void aPlainProgramCannot() throws Exception {
        assertFalse(canReap(List.of("/bin/sleep", "60"), "sleep"));
    }

    @Test
    void aKnownInitNameCountsEvenWhenItsMasksSayNothing() {
        ProcessSnapshot self = Snapshotter.takeOne(Path.of("/proc"), (int) ProcessHandle.current().pid(), EnumSet.of(Field.STATUS))
                .orElseThrow();
        ReapWatch w = new ReapWatch();
        var z = new ReapWatch.ZombieKey(4242, 77);
        assertTrue(w.reaps("systemd", self.status(), "0", Set.of(z)));
        assertFalse(w.reaps("systemd", self.status(), "0", Set.of(z)), "behaviour outranks the name");
    }

    @Test
    void aZombieChildThatOutlivesOneSnapshotMeansNoReapingWhateverTheMasks() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/dumb-init"));
        assumeTrue(present || "true".equals(System.getenv("CI")));
        Process p = new ProcessBuilder("/usr/bin/dumb-init", "sleep", "60").start();
        try {
            ProcessSnapshot s = settled(p, "dumb-init");
            ReapWatch w = new ReapWatch();
            var z = new ReapWatch.ZombieKey(4242, 77);
            assertTrue(w.reaps(s.comm(), s.status(), s.wchan(), Set.of(z)), "a fresh zombie may be reaped any moment");
            assertFalse(w.reaps(s.comm(), s.status(), s.wchan(), Set.of(z)), "the same zombie one snapshot later was not");
            assertTrue(w.reaps(s.comm(), s.status(), s.wchan(), Set.of(new ReapWatch.ZombieKey(4242, 99))), "a recycled pid is a new zombie");
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
