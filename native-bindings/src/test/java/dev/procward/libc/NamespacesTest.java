package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespacesTest {

    @Test
    void aChildSpawnedAfterUnshareNewpidIsPidOneInItsNamespace() {
        Children.requireRoot("unshare(CLONE_NEWPID) needs CAP_SYS_ADMIN");
        Children.Run run = Children.run(out -> Children.javaMain(UnshareProbe.class, SignalSet.EMPTY).dup2(out, 1));
        assertEquals(0, ((ChildStatus.Exited) run.status()).code(), run.stdout());
        Map<String, String> result = SignalFdTest.keyValues(run.stdout());
        assertEquals("1", result.get("inner"), run.stdout());
        assertNotEquals("1", result.get("outer"), run.stdout());
        assertEquals("true", result.get("self-unchanged"), run.stdout());
    }

    @Test
    void unshareWithoutPrivilegeOrInAThreadedProcessNamesTheError() {
        // CLONE_NEWUSER is refused in a multi-threaded process such as this JVM, root or not.
        ErrnoException e = org.junit.jupiter.api.Assertions.assertThrows(ErrnoException.class,
                () -> Namespaces.unshare(Namespaces.CLONE_NEWUSER));
        assertEquals(Errno.EINVAL, e.errno());
    }
}
