package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Samples a real thread in D state: a vfork parent waiting for its child. */
class DStateSamplerTest {

    static Path compileVforkParent(Path dir) throws Exception {
        Path src = dir.resolve("vfork-parent.c");
        try (InputStream in = DStateSamplerTest.class.getResourceAsStream("vfork-parent.c")) {
            Files.copy(in, src);
        }
        Path bin = dir.resolve("vfork-parent");
        boolean compiled;
        try {
            Process cc = new ProcessBuilder("cc", "-O2", "-pthread", "-o", bin.toString(), src.toString()).inheritIO().start();
            compiled = cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0;
        } catch (java.io.IOException e) {
            compiled = false;
        }
        if ("true".equals(System.getenv("CI"))) assertTrue(compiled, "CI has a C compiler");
        assumeTrue(compiled, "no C compiler");
        return bin;
    }

    @Test
    void seesTheVforkParentInDStateWithItsSyscall(@TempDir Path dir) throws Exception {
        assertSeesVforkInD(new ProcessBuilder(compileVforkParent(dir).toString()));
    }

    /** The process's own stat shows the leader in S: the sample must look at its other threads. */
    @Test
    void seesADStateThreadThatIsNotTheGroupLeader(@TempDir Path dir) throws Exception {
        assertSeesVforkInD(new ProcessBuilder(compileVforkParent(dir).toString(), "thread"));
    }

    @Test
    void readsStateAndThreadCountAfterTheLastParenthesis() {
        byte[] stat = "42 (a) b) S) D 1 42 42 0 -1 4194560 10 0 0 0 3 4 0 0 20 0 7 0 100 0 0\n".getBytes();
        assertEquals('D', DStateSampler.stateOf(stat, stat.length));
        assertEquals(7, DStateSampler.numThreads(stat, stat.length));
        byte[] cut = "42 (a".getBytes();
        assertEquals(0, DStateSampler.stateOf(cut, cut.length));
        assertEquals(0, DStateSampler.numThreads(cut, cut.length));
    }

    private static void assertSeesVforkInD(ProcessBuilder command) throws Exception {
        DStateSampler sampler = new DStateSampler(Path.of("/proc"));
        Process p = command.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<DStateTally.Observation> seen = sampler.sample();
            while (seen.stream().noneMatch(o -> o.syscall().equals("vfork")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                seen = sampler.sample();
            }
            var vfork = seen.stream().filter(o -> o.syscall().equals("vfork")).findFirst();
            assertTrue(vfork.isPresent(), "no vfork parent among " + seen);
            assertNotEquals("unknown", vfork.get().wchan(), "a wait channel is readable by the owner");
        } finally {
            p.getOutputStream().close(); // the child's stdin closes, it exits, the parent reaps it
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue());
    }
}
