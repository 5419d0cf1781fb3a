package dev.procward.probes.diag;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Real processes for tests: spawned children that are always destroyed, and polling with a deadline. */
public final class RealProcesses implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    public Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    public Process startPiped(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** Hundreds of short-lived processes starting and exiting until closed. */
    public Process churn() throws IOException {
        return start("sh", "-c", "while :; do for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do /bin/true & done; wait; done");
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    /** A test that needs a tool fails on CI and is skipped elsewhere. */
    public static void require(boolean available, String what) {
        if (available) return;
        if ("true".equals(System.getenv("CI"))) fail("required on CI: " + what);
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "not available here: " + what);
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
