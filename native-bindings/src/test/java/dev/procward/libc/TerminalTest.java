package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tcgetpgrp/tcsetpgrp and addtcsetpgrp_np on a real pseudo-terminal. */
class TerminalTest {

    /** TIOCSPTLCK (unlockpt) and TIOCGPTN (ptsname), the same on x86_64 and aarch64. */
    private static final long TIOCSPTLCK = 0x40045431L;
    private static final long TIOCGPTN = 0x80045430L;

    /** The descriptor number Java gave a file it opened, found through /proc/self/fd. */
    private static int fdOf(String target) throws Exception {
        int found = -1;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(p).toString().equals(target)) {
                        found = Math.max(found, Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (java.io.IOException vanished) {
                    // the directory stream's own descriptor
                }
            }
        }
        if (found < 0) throw new AssertionError("no descriptor for " + target);
        return found;
    }

    private static int ioctlInt(int fd, long request, int in) {
        CallState cs = CallState.current();
        MemorySegment arg = cs.zeroedScratch(4);
        arg.set(JAVA_INT, 0, in);
        if (Syscall.raw(cs, Sys.IOCTL, fd, request, arg.address(), 0, 0, 0) == -1) throw cs.failure("ioctl", request);
        return arg.get(JAVA_INT, 0);
    }

    @Test
    void theForegroundGroupMovesToASpawnedChildAndBack() throws Exception {
        try (RandomAccessFile ptmx = new RandomAccessFile("/dev/ptmx", "rw")) {
            // in containers /dev/ptmx is often a link to /dev/pts/ptmx: match what the fd points at
            int master = fdOf(Path.of("/dev/ptmx").toRealPath().toString());
            ioctlInt(master, TIOCSPTLCK, 0);
            String slave = "/dev/pts/" + ioctlInt(master, TIOCGPTN, 0);
            int oRdwr = 2;
            Children.Run run = Children.run(out -> Children.javaMain(TtyProbe.class, SignalSet.EMPTY)
                    .newSession().open(0, slave, oRdwr, 0).dup2(out, 1));
            assertEquals(0, ((ChildStatus.Exited) run.status()).code(), run.stdout());
            Map<String, String> seen = SignalFdTest.keyValues(run.stdout());
            String probe = Integer.toString(run.status().pid());
            assertEquals(probe, seen.get("self"), run.stdout());
            assertEquals(probe, seen.get("foreground-at-start"), "a new session leader's tty: " + run.stdout());
            assertEquals(seen.get("child"), seen.get("foreground-after-spawn"), run.stdout());
            assertEquals(probe, seen.get("foreground-after-tcsetpgrp"), run.stdout());
        }
    }
}
