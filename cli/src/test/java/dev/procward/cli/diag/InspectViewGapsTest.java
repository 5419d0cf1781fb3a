package dev.procward.cli.diag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code procward inspect} on a hand-made /proc root: what could not be read is a marked gap,
 * capability sets are "all" only when they are, and a root cgroup's missing counter is explained.
 */
class InspectViewGapsTest {
    private static final int PID = 42;

    /** inspect's text for pid 42, whose every oddity is described where it is made. */
    private static String inspectOddProcess(Path dir) throws Exception {
        FakeProcRoot fake = new FakeProcRoot(dir, 1000, 2)
                .process(1, 0, "init", 'S', 900, 0, "/sbin/init")
                .process(PID, 1, "svc", 'S', 100, 0, "svc --serve");
        // A container's bounding set: every capability but CAP_SYS_RESOURCE (bit 24), 40 of 41.
        fake.write(PID + "/status", "Name:\tsvc\nState:\tS (sleeping)\nTgid:\t42\nPid:\t42\nPPid:\t1\n"
                + "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\nSigBlk:\t0000000000000000\n"
                + "SigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t000001fffeffffff\nCapEff:\t000001fffeffffff\nCapBnd:\t000001fffeffffff\n"
                + "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n");
        // fd/0 reads; fd/3 is listed but its link cannot be read (here: not a link at all).
        Path fd = Files.createDirectories(fake.root.resolve(PID + "/fd"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        Files.writeString(fd.resolve("3"), "");
        // The thread's syscall file is a directory: reading it fails, as an unreadable one does.
        Files.createDirectories(fake.root.resolve(PID + "/task/" + PID + "/syscall"));
        // cgroup v1: at the root of the pids hierarchy (which has no pids.current), in a memory child.
        fake.write(PID + "/cgroup", "8:pids:/\n4:memory:/svc\n1:name=systemd:/\n");
        Path cgroupFs = dir.resolve("sys/fs/cgroup");
        Files.createDirectories(cgroupFs.resolve("pids"));
        Files.writeString(cgroupFs.resolve("pids/cgroup.procs"), "1\n42\n");
        Files.createDirectories(cgroupFs.resolve("memory/svc"));
        Files.writeString(cgroupFs.resolve("memory/svc/memory.usage_in_bytes"), "1048576\n");
        Files.writeString(cgroupFs.resolve("memory/svc/memory.limit_in_bytes"), "9223372036854771712\n");

        CliRun r = CliRun.of("inspect", "--proc-root", fake.root.toString(), Integer.toString(PID));
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test
    void aSetLackingAFewCapabilitiesNamesThemInsteadOfSayingAll(@TempDir Path dir) throws Exception {
        String out = inspectOddProcess(dir);
        assertTrue(out.contains("\n  effective     all except CAP_SYS_RESOURCE   (40 of 41)\n"), out);
        assertTrue(out.contains("\n  bounding      all except CAP_SYS_RESOURCE   (40 of 41)\n"), out);
        assertFalse(out.contains("all (40)"), out);
    }

    @Test
    void anUnreadableDescriptorAndSyscallAreMarkedGaps(@TempDir Path dir) throws Exception {
        String out = inspectOddProcess(dir);
        assertTrue(out.contains("\n  fd            - (io error)   (some descriptors not shown)\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+0 device\\s+/dev/null")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+42 S\\s+- \\(missing\\)\\s+- \\(io error\\)\\s+svc")), out);
    }

    @Test
    void theRootOfAV1PidsHierarchyHasNoCounterAndSaysSo(@TempDir Path dir) throws Exception {
        String out = inspectOddProcess(dir);
        assertTrue(out.contains("\n  pids          - (in the root cgroup of the pids hierarchy, which keeps no counter)\n"), out);
        assertTrue(out.contains("\n  memory        1024 kB of unlimited\n"), out);
    }

    @Test
    void aFullSetIsAllAndAShortOneIsListed(@TempDir Path dir) throws Exception {
        FakeProcRoot fake = new FakeProcRoot(dir, 1000, 2).process(1, 0, "init", 'S', 900, 0, "/sbin/init");
        fake.write("1/status", "Name:\tinit\nState:\tS (sleeping)\nTgid:\t1\nPid:\t1\nPPid:\t0\n"
                + "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\nCapBnd:\t00000000a80425fb\n"
                + "CapAmb:\t0000000000000000\n");
        String out = CliRun.of("inspect", "--proc-root", fake.root.toString(), "1").out();
        assertTrue(out.contains("\n  effective     all (41)\n"), out);
        assertTrue(out.contains("\n  bounding      CAP_CHOWN CAP_DAC_OVERRIDE CAP_FOWNER"), out);
    }
}
