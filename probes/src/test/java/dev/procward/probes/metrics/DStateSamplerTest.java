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
            Process cc = new ProcessBuilder("cc", "-O2", "-o", bin.toString(), src.toString()).inheritIO().start();
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
        Path bin = compileVforkParent(dir);
        DStateSampler sampler = new DStateSampler(Path.of("/proc"));
        Process p = new ProcessBuilder(bin.toString()).start();
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
