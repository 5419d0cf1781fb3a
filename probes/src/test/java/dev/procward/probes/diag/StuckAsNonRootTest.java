package dev.procward.probes.diag;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Another user's D-state thread seen by an unprivileged sampler: unreadable files are marked gaps. */
class StuckAsNonRootTest extends LiveProcessTest {
    @Test
    void anUnprivilegedSweepMarksStackAndSyscallAsGapsAndStillSeesTheDThread() throws Exception {
        RealProcesses.require(NativeHelpers.root() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "root and setpriv");
        Path exe = NativeHelpers.compile("vfork_block", tmp);
        Process parent = procs.start(exe.toString(), "1000");
        String cp = String.join(":", List.of(Path.of("target/test-classes").toAbsolutePath().toString(),
                Path.of("target/classes").toAbsolutePath().toString(),
                Path.of("../native-bindings/target/classes").toAbsolutePath().normalize().toString()));
        Process child = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "--enable-native-access=ALL-UNNAMED", "-cp", cp, SweepPrinter.class.getName(), Long.toString(parent.pid()))
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("activity D"), out);
        assertTrue(out.contains("kstack=-"), "the stack is a marked gap: " + out);
        assertTrue(out.contains("stack PERMISSION_DENIED"), out);
        assertTrue(out.contains("syscall PERMISSION_DENIED"), out);
        assertTrue(out.contains("syscall=[unreadable]"), out);
        assertFalse(out.contains("Exception"), out);
    }
}
