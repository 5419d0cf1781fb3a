package dev.procward.cli.init;

import dev.procward.cli.Prerequisite;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs real processes for the init integration tests (test code: ProcessBuilder is fine here). */
final class Runs {
    private Runs() {}

    record Result(int code, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** The init tests need root and unshare; under CI=true their absence is a failure. */
    static void requireRootAndUnshare() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean unshare = Files.isExecutable(Path.of("/usr/bin/unshare"));
        boolean inits = Files.isExecutable(Path.of("/usr/bin/tini")) && Files.isExecutable(Path.of("/usr/bin/dumb-init"));
        String missing = (!root ? " root" : "") + (!unshare ? " unshare" : "") + (!inits ? " tini/dumb-init" : "");
        Prerequisite.require(missing.isEmpty(), "init integration tests need:" + missing);
    }

    /** The environment the launcher needs to take its fast path with this build's jar. */
    static Map<String, String> launcherEnvironment() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"), "PROCWARD_JAR", Inits.jar().toString());
    }

    /**
     * {@code unshare --pid --fork --mount-proc} + argv: argv[0] becomes PID 1 of a new namespace.
     * Every signal starts at its default: an init passes on the ignored set it was started with,
     * and a test run under {@code nohup} would otherwise hand the application an ignored HUP that
     * its shell may not trap.
     */
    static List<String> asPid1(List<String> argv) {
        return withDefaultSignals(concat(List.of("/usr/bin/unshare", "--pid", "--fork", "--mount-proc"), argv.toArray(String[]::new)));
    }

    /** argv with every signal at its default (see {@link #asPid1}); env execs it, so the pid is argv[0]'s. */
    static List<String> withDefaultSignals(List<String> argv) {
        return concat(List.of("/usr/bin/env", "--default-signal"), argv.toArray(String[]::new));
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, Map.of());
    }

    static Result run(List<String> cmd, Map<String, String> extraEnv) throws IOException, InterruptedException {
        return run(cmd, extraEnv, TIMEOUT);
    }

    static Result run(List<String> cmd, Map<String, String> extraEnv, Duration timeout) throws IOException, InterruptedException {
        return finish(start(cmd, extraEnv), timeout);
    }

    static Process start(List<String> cmd, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(launcherEnvironment());
        pb.environment().putAll(extraEnv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    static Result finish(Process p) throws InterruptedException, IOException {
        return finish(p, TIMEOUT);
    }

    static Result finish(Process p, Duration timeout) throws InterruptedException, IOException {
        var out = readAsync(p.getInputStream());
        var err = readAsync(p.getErrorStream());
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timed out after " + timeout + ": " + p.info().commandLine().orElse("?"));
        }
        try {
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    static java.util.concurrent.CompletableFuture<String> readAsync(java.io.InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Polls until {@code file} exists; fails after the timeout. */
    static void awaitFile(Path file) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) fail("never appeared: " + file);
            Thread.sleep(20);
        }
    }

    /** Polls until {@code condition} holds; fails with {@code what} after the timeout. */
    static void await(String what, Check condition) throws Exception {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) fail("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Sends {@code signal} (a name such as TSTP) to {@code pid} with kill(1): Java sends only TERM and KILL. */
    static void kill(String signal, long pid) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        if (code != 0) fail("kill -" + signal + " " + pid + " exited " + code);
    }

    /** The state letter of /proc/PID/stat (R, S, T...), or 'X' when the process is gone. */
    static char state(long pid) {
        return statField(pid, 0).map(f -> f.charAt(0)).orElse('X');
    }

    /** The parent pid from /proc/PID/stat, -1 when the process is gone. */
    static long parentOf(long pid) {
        return statField(pid, 1).map(Long::parseLong).orElse(-1L);
    }

    /** Field {@code index} of /proc/PID/stat counted from the state (0) after the comm. */
    private static java.util.Optional<String> statField(long pid, int index) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return java.util.Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index]);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The children of every thread of {@code pid} (/proc/PID/task/TID/children). */
    static List<Long> childrenOf(long pid) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String c : Files.readString(task.resolve("children")).trim().split(" ")) {
                        if (!c.isEmpty()) out.add(Long.parseLong(c));
                    }
                } catch (IOException threadGone) {
                    // a thread that ended while listing has no children to report
                }
            }
        }
        return out;
    }

    /** Writes a shell script into {@code dir} and returns its path. */
    static Path script(Path dir, String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), body);
    }

    /** Lines of {@code file}, none while it does not exist. */
    static List<String> linesOf(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The pid of the process that is PID 1 inside the namespace unshare created. */
    static long namespaceInit(Process unshare) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < end) {
            var child = unshare.toHandle().children().findFirst();
            if (child.isPresent()) return child.get().pid();
            Thread.sleep(10);
        }
        fail("unshare started no child");
        return -1;
    }
}
