package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** loadavg, the single-number sysctls, file-nr and the system call tables. */
class SystemFilesTest {
    @Test
    void loadavgHasThreeAveragesRunnableOverTotalAndTheLastPid() {
        LoadAvg l = LoadAvg.parse("0.57 0.34 0.16 2/112 12018\n");
        assertEquals(new LoadAvg(0.57, 0.34, 0.16, 2, 112, 12018), l);
        assertNotNull(LoadAvg.parse(Fixtures.text("loadavg/host")));
        assertThrows(ProcParseException.class, () -> LoadAvg.parse("0.57 0.34 0.16 2 12018"));
        assertThrows(ProcParseException.class, () -> LoadAvg.parse("NaN 0.34 0.16 2/1 12018"));
        assertTrue(LoadAvg.read(Path.of("/proc")).present());
    }

    @Test
    void sysctlsAreSingleNonNegativeNumbers() {
        assertEquals(32768, Sysctl.parse(Fixtures.text("sysctl/pid_max")));
        assertTrue(Sysctl.parse(Fixtures.text("sysctl/file-max")) > 0);
        assertThrows(ProcParseException.class, () -> Sysctl.parse("-1"));
        assertThrows(ProcParseException.class, () -> Sysctl.parse("many"));
        assertTrue(Sysctl.PID_MAX.read(Path.of("/proc")).orElse(0L) >= 301);
    }

    @Test
    void fileNrIsAllocatedUnusedMax() {
        FileNr f = FileNr.parse("646\t0\t2466170\n");
        assertEquals(646, f.inUse());
        assertEquals(2466170, f.max());
        assertNotNull(FileNr.parse(Fixtures.text("sysctl/file-nr")));
        assertThrows(ProcParseException.class, () -> FileNr.parse("1 2"));
        assertTrue(FileNr.read(Path.of("/proc")).present());
    }

    @Test
    void syscallNumbersResolvePerArchitecture() {
        var x86 = SyscallTable.forArch("x86_64");
        var arm = SyscallTable.forArch("aarch64");
        assertEquals("read", x86.nameOrNumber(0));
        assertEquals("vfork", x86.nameOrNumber(58));
        assertEquals("clock_nanosleep", x86.nameOrNumber(230));
        assertEquals("read", arm.nameOrNumber(63));
        assertEquals("openat", arm.nameOrNumber(56));
        assertEquals("clone3", arm.nameOrNumber(435));
        assertEquals("syscall_9999", x86.nameOrNumber(9999));
        assertEquals("syscall_-1", x86.nameOrNumber(-1));
        assertTrue(x86.takesFdFirst(0));
        assertTrue(x86.takesFdFirst(5)); // fstat
        assertFalse(x86.takesFdFirst(230));
    }

    @Test
    void aarch64FixtureNamesItsCall() {
        var s = assertInstanceOf(ThreadSyscall.InSyscall.class, ThreadSyscall.parse(Fixtures.text("syscall/nanosleep-aarch64")));
        assertEquals("nanosleep", SyscallTable.forArch("aarch64").nameOrNumber(s.number()));
    }

    @Test
    void theLiveKernelLogIsReadOrAMarkedGap() {
        var r = KernelLog.readKmsg(Path.of("/dev/kmsg"), Duration.ofMillis(150));
        if (r.present()) assertFalse(r.orElse(null).isEmpty(), "a booted kernel has logged something");
        else assertNotNull(r.gapReason());
    }
}
