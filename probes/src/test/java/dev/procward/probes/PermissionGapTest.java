package dev.procward.probes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * As user nobody, another user's fd/ and environ cannot be read: the report marks them as gaps
 * and a full listing with every field still completes.
 */
class PermissionGapTest {
    private static void require(boolean ok, String what) {
        if (ok) return;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI requires " + what);
        Assumptions.assumeTrue(false, "needs " + what);
    }

    @Test
    void unreadableFilesOfAnotherUserAreGaps() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try {
            String out = probeAsNobody(sleeper.pid());
            assertTrue(out.contains("inspect fd: permission denied"), out);
            assertTrue(out.contains("inspect environ: permission denied"), out);
            assertTrue(out.contains("inspect cwd: permission denied"), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("listed \\d+ processes with [1-9]\\d* gaps")), out);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    /**
     * A process of nobody's own that holds a capability nobody lacks: its fd/ lists (the directory
     * is nobody's), but every link and the syscall file need ptrace access, which the missing
     * capability denies. The descriptors must not vanish silently: fd is a gap, and so is each
     * thread's syscall.
     */
    @Test
    void linksThatCannotBeReadInAListableFdDirectoryAreAGap() throws Exception {
        require("root".equals(System.getProperty("user.name")), "root, to start a process with an ambient capability");
        Process holder = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=+net_bind_service", "--ambient-caps=+net_bind_service", "sleep", "300").start();
        try {
            String status = "";
            for (int i = 0; i < 500 && !status.contains("CapAmb:\t0000000000000400"); i++) {
                Thread.sleep(10);
                try {
                    status = Files.readString(Path.of("/proc/" + holder.pid() + "/status"));
                } catch (java.io.IOException e) {
                    break;
                }
            }
            require(status.contains("CapAmb:\t0000000000000400"), "ambient capabilities (setpriv --ambient-caps)");
            String out = probeAsNobody(holder.pid());
            assertTrue(out.contains("inspect fd: permission denied"), out);
            assertTrue(out.contains("inspect task/" + holder.pid() + "/syscall: permission denied"), out);
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Runs {@link GapProbeMain} on {@code pid} as user nobody and returns what it printed. */
    private static String probeAsNobody(long pid) throws Exception {
        require("root".equals(System.getProperty("user.name")), "root, to switch to nobody");
        require(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv");
        // nobody must be able to read the class path, wherever the checkout lives (CI may use /root):
        // copy the class directories it needs into a world-readable temporary directory.
        Path shared = Files.createTempDirectory("procward-gap-");
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            // Under `verify` the reactor hands over native-bindings as its packaged jar, not classes/.
            if (!(e.contains("/probes/target/") || e.contains("/native-bindings/target/")) || !Files.exists(Path.of(e))) continue;
            Path copy = shared.resolve("cp" + i++ + (Files.isDirectory(Path.of(e)) ? "" : ".jar"));
            if (Files.isDirectory(Path.of(e))) copyTree(Path.of(e), copy);
            else Files.copy(Path.of(e), copy);
            cp.add(copy.toString());
        }
        makeReadable(shared);
        try {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    java, "--enable-native-access=ALL-UNNAMED", "-cp", String.join(File.pathSeparator, cp),
                    GapProbeMain.class.getName(), "/proc", Long.toString(pid))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(!out.contains("Exception"), out);
            return out;
        } finally {
            try (var walk = Files.walk(shared)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    private static void makeReadable(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }
}
