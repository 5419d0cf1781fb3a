package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecTest {

    @Test
    void execveReplacesTheJvmInTheSameProcessAndSession() {
        Children.Run run = Children.run(out -> Children.javaMain(ExecProbe.class, SignalSet.EMPTY).dup2(out, 1));
        int pid = run.status().pid();
        assertEquals(new ChildStatus.Exited(pid, 0), run.status(), run.stdout());
        Map<String, String> seen = SignalFdTest.keyValues(run.stdout());
        String self = Integer.toString(pid);
        assertEquals(self, seen.get("jvm-pid"), run.stdout());
        assertEquals(self, seen.get("jvm-sid"), "setsid returns the new session id: " + run.stdout());
        assertEquals(self, seen.get("exec-pid"), run.stdout());
        assertEquals(self, seen.get("exec-sid"), run.stdout());
    }

    @Test
    void aFailedExecveReturnsWithEnoent() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> Exec.execve("/nope/not-here", List.of("not-here"), null));
        assertSame(Errno.ENOENT, e.errno());
        assertEquals("execve(/nope/not-here): ENOENT (No such file or directory)", e.getMessage());
    }
}
