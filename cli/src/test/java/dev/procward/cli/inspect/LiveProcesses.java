package dev.procward.cli.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Real processes for a test, killed with their descendants afterwards. */
final class LiveProcesses implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();

    Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /**
     * A {@code sleep 300} with one zombie child, also named sleep. The child exits only once its
     * parent has exec'd sleep, which never reaps: with {@code bash -c "sleep 0 & exec sleep 300"}
     * bash itself reaped a job that ended before its exec, and under load no zombie ever appeared
     * (a CI run timed out waiting for one).
     */
    Process startZombieParent() throws IOException {
        return start("sh", "-c",
                "(while [ \"$(cat /proc/$$/comm)\" != sleep ]; do sleep 0.01; done; exec sleep 0) & exec sleep 300");
    }

    /** Polls until the condition holds; fails after a generous timeout (CI runs on a loaded VM). */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static char state(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return s.charAt(s.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    static List<ProcessHandle> children(Process p) {
        return p.children().toList();
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
