package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;
import dev.procward.probes.Gap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class KernelStackTest {
    @Test
    void framesAreSymbolNamesInnermostFirst() {
        KernelStack s = KernelStack.parse(Fixtures.text("stack/nanosleep"));
        assertEquals("hrtimer_nanosleep", s.top());
        assertEquals(List.of("hrtimer_nanosleep", "common_nsleep", "__x64_sys_clock_nanosleep", "do_syscall_64",
                "entry_SYSCALL_64_after_hwframe"), s.frames());
    }

    @Test
    void waitingInSkipsSchedulingGlue() {
        KernelStack s = KernelStack.parse("[<0>] __schedule+0x1/0x2\n[<0>] schedule+0x1/0x2\n[<0>] request_wait_answer+0x1/0x2\n");
        assertEquals("request_wait_answer", s.waitingIn());
        assertEquals("request_wait_answer", KernelStack.parse(Fixtures.text("stack/fuse-getattr")).waitingIn());
    }

    @Test
    void anEmptyStackHasNoFrames() {
        assertEquals(List.of(), KernelStack.parse(Fixtures.text("stack/empty")).frames());
        assertEquals("", KernelStack.parse("").top());
    }

    @Test
    void garbageIsMalformed() {
        assertThrows(ProcParseException.class, () -> KernelStack.parse("hello"));
        assertThrows(ProcParseException.class, () -> KernelStack.parse("[<0>] +0x1/0x2"));
    }

    @Test
    void anUnreadableStackIsADeniedGapOrAValue() {
        // PID 1's stack is refused even to root on some kernels (EPERM/EACCES): never an exception.
        var r = KernelStack.read(Path.of("/proc"), 1, 1);
        assertTrue(r.present() || r.gapReason() == Gap.Reason.PERMISSION_DENIED, r.toString());
    }
}
