package dev.procward.libc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Test helpers around real child processes: output capture, /proc reads, polling. */
final class Children {

    private Children() {}

    /** What a child printed and how it ended. */
    record Run(ChildStatus status, String stdout) {}

    /**
     * Spawns what {@code build} makes of the write end of a pipe (it must dup2 it where the child
     * writes), reads the pipe to EOF, then reaps the child.
     */
    static Run run(java.util.function.IntFunction<Spawn> build) {
        int[] pipe = Fds.pipe();
        int pid;
        try {
            pid = build.apply(pipe[1]).start();
        } finally {
            Fds.close(pipe[1]);
        }
        String out = readAll(pipe[0]);
        Fds.close(pipe[0]);
        return new Run(Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED), out);
    }

    static String readAll(int fd) {
        StringBuilder sb = new StringBuilder();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            long n;
            while ((n = Fds.read(fd, buf)) > 0) {
                sb.append(new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    /** A child JVM running {@code main} from the test classpath, started with {@code mask} blocked. */
    static Spawn javaMain(Class<?> main, SignalSet mask, String... args) {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        return Spawn.command(argv).searchPath(false).signalMask(mask);
    }

    /** The fields of /proc/PID/stat after the command name: index 0 is the state. */
    static String[] statFields(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int ppid(int pid) {
        return Integer.parseInt(statFields(pid)[1]);
    }

    static int session(int pid) {
        return Integer.parseInt(statFields(pid)[3]);
    }

    /** Polls until {@code condition} holds; fails after a generous timeout (loaded CI machines). */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Skips the calling test when not root, except under CI=true, where a test that cannot run is
     * a failure (the CI runs as root).
     */
    static void requireRoot(String why) {
        require(Processes.effectiveUid() == 0, "root: " + why);
    }

    /** Skips the calling test when {@code present} is false, except under CI=true, where it fails. */
    static void require(boolean present, String what) {
        if (present) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI needs " + what);
        org.junit.jupiter.api.Assumptions.abort("needs " + what);
    }

    /** Kills (if still there) and reaps a child, for test cleanup. */
    static void killAndReap(int pid) {
        try {
            Signals.kill(pid, Signal.SIGKILL);
        } catch (ErrnoException ignored) {
            // already gone
        }
        try {
            Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED);
        } catch (ErrnoException ignored) {
            // already reaped
        }
    }
}
