package dev.procward.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The scenario programs as /bin/sh scripts; readiness is a file the script creates. */
final class LinuxPrograms implements Programs {
    private final Path dir;
    private static final AtomicInteger counter = new AtomicInteger();

    LinuxPrograms(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<String> exitWith(int code) {
        return sh("exit " + code);
    }

    @Override
    public List<String> killSelf(int signal) {
        return sh("kill -" + signal + " $$; sleep 5");
    }

    @Override
    public List<String> missing() {
        return List.of("procward-test-no-such-program");
    }

    @Override
    public List<String> notExecutable() {
        try {
            Path file = Files.writeString(dir.resolve("not-executable-" + counter.incrementAndGet()), "#!/bin/sh\nexit 0\n");
            return List.of(file.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> leaveOrphans(int n, Duration orphanLife) {
        return sh("for i in $(seq " + n + "); do (sleep " + seconds(orphanLife) + " &); done; exit 0");
    }

    @Override
    public Program trapping(int signal, int code) {
        Path ready = marker();
        return new Program(sh("trap 'exit " + code + "' " + signal + "; touch " + ready + "; while :; do sleep 0.05; done"), await(ready));
    }

    @Override
    public Program ignoring(int signal) {
        Path ready = marker();
        return new Program(sh("trap '' " + signal + "; touch " + ready + "; while :; do sleep 0.05; done"), await(ready));
    }

    @Override
    public Program ignoringParentOfTrapping(int signal, int code) {
        Path inner = marker();
        Path ready = marker();
        String grandchild = "trap 'exit " + code + "' " + signal + "; touch " + inner + "; while :; do sleep 0.05; done";
        return new Program(sh("sh -c \"" + grandchild + "\" & trap '' " + signal + "; while [ ! -e " + inner
                + " ]; do sleep 0.01; done; touch " + ready + "; wait $!; exit $?"), await(ready));
    }

    @Override
    public Program orphansThenTrapping(int n, int signal) {
        Path ready = marker();
        return new Program(sh("for i in $(seq " + n + "); do (sleep 1000 &); done; trap 'exit 0' " + signal
                + "; touch " + ready + "; while :; do sleep 0.05; done"), await(ready));
    }

    private Path marker() {
        return dir.resolve("ready-" + counter.incrementAndGet());
    }

    private static Readiness await(Path file) {
        return timeout -> {
            long end = System.nanoTime() + timeout.toNanos();
            while (!Files.exists(file)) {
                if (System.nanoTime() > end) throw new AssertionError("program never became ready: " + file);
                Thread.sleep(10);
            }
        };
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
