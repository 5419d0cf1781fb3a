package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void numbersMapToSymbolicNamesAndGlibcMessages() {
        assertSame(Errno.ENOENT, Errno.ofNumber(2));
        assertSame(Errno.EACCES, Errno.ofNumber(13));
        assertSame(Errno.ESRCH, Errno.ofNumber(3));
        assertSame(Errno.EPERM, Errno.ofNumber(1));
        assertSame(Errno.EAGAIN, Errno.ofNumber(11));
        assertSame(Errno.ECHILD, Errno.ofNumber(10));
        assertSame(Errno.EINTR, Errno.ofNumber(4));
        assertSame(Errno.EINVAL, Errno.ofNumber(22));
        assertEquals("No such file or directory", Errno.ENOENT.message());
        assertSame(Errno.EAGAIN, Errno.byName("EWOULDBLOCK"));
        assertNull(Errno.ofNumber(41));
        assertEquals("errno 41", Errno.nameOf(41));
    }

    @Test
    void exceptionNamesTheCallTheErrorAndItsMessage() {
        ErrnoException e = new ErrnoException("posix_spawnp(/nope)", 2);
        assertEquals("posix_spawnp(/nope): ENOENT (No such file or directory)", e.getMessage());
        assertTrue(e.is(Errno.ENOENT));
        assertEquals("ENOENT", e.errnoName());
    }

    @Test
    void aFailedSyscallCarriesTheCapturedErrno() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Processes.getsid(Integer.MAX_VALUE));
        assertSame(Errno.ESRCH, e.errno());
        assertEquals("getsid(2147483647): ESRCH (No such process)", e.getMessage());
    }

    @Test
    void identityCallsAgreeWithTheJvm() {
        assertEquals(ProcessHandle.current().pid(), Processes.pid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Processes.parentPid());
    }
}
