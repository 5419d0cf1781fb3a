package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ProcessFloorTest {

    @Test
    void theClonedChildExitsWithTheCodeItWasGiven() {
        ChildStatus status = ProcessFloor.cloneAndExit(42);
        ChildStatus.Exited exited = assertInstanceOf(ChildStatus.Exited.class, status);
        assertEquals(42, exited.code());
        assertNotEquals(Processes.pid(), exited.pid());
    }

    @Test
    void theChildBecomesAZombieOfOursAfterCloneReturns() {
        int pid = ProcessFloor.cloneExiting(3);
        Children.await("zombie " + pid, () -> "Z".equals(Children.statFields(pid)[0]));
        assertEquals(Processes.pid(), Children.ppid(pid));
        assertEquals(new ChildStatus.Exited(pid, 3), Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED));
    }

    @Test
    void manyClonesInARowAllExitAndAreReaped() {
        for (int i = 0; i < 200; i++) {
            assertEquals(0, ((ChildStatus.Exited) ProcessFloor.cloneAndExit()).code());
        }
    }
}
