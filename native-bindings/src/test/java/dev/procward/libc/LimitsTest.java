package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static String limitsLine(int pid, String name) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/limits")).stream()
                .filter(l -> l.startsWith(name)).findFirst().orElseThrow().substring(26).strip();
    }

    private static String render(long v) {
        return v == Limits.INFINITY ? "unlimited" : Long.toString(v);
    }

    @Test
    void getrlimitAgreesWithProcLimits() throws Exception {
        Limits.Rlimit nofile = Limits.getrlimit(Limits.Resource.NOFILE);
        String[] cols = limitsLine(Processes.pid(), "Max open files").split("\\s+");
        assertEquals(render(nofile.soft()), cols[0]);
        assertEquals(render(nofile.hard()), cols[1]);
    }

    @Test
    void prlimitChangesAnotherProcessAndReturnsTheOldLimit() throws Exception {
        int pid = Spawn.command("sleep", "30").start();
        try {
            Limits.Rlimit before = Limits.prlimit(pid, Limits.Resource.NOFILE, null);
            Limits.Rlimit old = Limits.prlimit(pid, Limits.Resource.NOFILE, new Limits.Rlimit(64, 128));
            assertEquals(before, old);
            assertEquals(new Limits.Rlimit(64, 128), Limits.prlimit(pid, Limits.Resource.NOFILE, null));
            String[] cols = limitsLine(pid, "Max open files").split("\\s+");
            assertEquals("64", cols[0]);
            assertEquals("128", cols[1]);
        } finally {
            Children.killAndReap(pid);
        }
    }
}
