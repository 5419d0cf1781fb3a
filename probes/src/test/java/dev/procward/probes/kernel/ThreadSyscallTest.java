package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ThreadSyscallTest {
    @Test
    void aBlockedCallHasItsNumberAndSixArguments() {
        var s = assertInstanceOf(ThreadSyscall.InSyscall.class, ThreadSyscall.parse(Fixtures.text("syscall/read-x86_64")));
        assertEquals(0, s.number()); // read on x86_64
        assertEquals(3, s.arg(0));
        assertEquals(0xffffffffL, s.arg(4));
        assertEquals(6, s.args().size());
    }

    @Test
    void runningAndOutsideASyscallAreTheirOwnCases() {
        assertInstanceOf(ThreadSyscall.Running.class, ThreadSyscall.parse(Fixtures.text("syscall/running")));
        var n = assertInstanceOf(ThreadSyscall.NotInSyscall.class, ThreadSyscall.parse(Fixtures.text("syscall/not-in-syscall")));
        assertEquals(0x7ffc9b7e1d58L, n.stackPointer());
    }

    @Test
    void kernelAddressesAboveSignedRangeParse() {
        var s = assertInstanceOf(ThreadSyscall.InSyscall.class,
                ThreadSyscall.parse("7 0xffffffffffffff9c 0x1 0x2 0x3 0x4 0x5 0xffff888000000000 0x0"));
        assertEquals(-100, s.arg(0)); // AT_FDCWD, sign-extended
    }

    @Test
    void wrongFieldCountsAreMalformed() {
        assertThrows(ProcParseException.class, () -> ThreadSyscall.parse("0 0x1 0x2"));
        assertThrows(ProcParseException.class, () -> ThreadSyscall.parse("sleeping"));
        assertThrows(ProcParseException.class, () -> ThreadSyscall.parse("-5 0x0 0x0 0x0 0x0 0x0 0x0 0x0 0x0"));
    }

    @Test
    void readingOurOwnThreadShowsTheReadCall() {
        long pid = ProcessHandle.current().pid();
        // The calling thread is inside read(2) of this very file while the kernel renders it.
        var r = ThreadSyscall.read(Path.of("/proc"), (int) pid, (int) pid);
        assertTrue(r.present(), r.toString());
    }
}
