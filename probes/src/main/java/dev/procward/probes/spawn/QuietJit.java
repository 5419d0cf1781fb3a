package dev.procward.probes.spawn;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits until this JVM's JIT compilers have gone quiet. A compilation running in the background
 * takes one of the machine's few CPUs and allocates, and on a 2-vCPU machine that lands on the
 * spawns being timed; the C harness has no compiler, so the comparison is only fair once the
 * benchmarking JVM's has finished what the warm-up gave it.
 */
final class QuietJit {
    private static final long POLL_MILLIS = 50;

    private QuietJit() {}

    /**
     * Returns once no compilation has finished for {@code idle}, or after {@code atMost}; returns
     * at once when the JVM does not report compilation time.
     */
    static void await(Duration idle, Duration atMost) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) return;
        long deadline = System.nanoTime() + atMost.toNanos();
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < idle.toNanos()) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }
}
