package dev.procward.cli.diag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Every diagnostics command while hundreds of processes start and exit: documented codes, no exceptions. */
class DiagChurnTest {
    private Process churn;

    @BeforeEach
    void startChurn() throws Exception {
        churn = new ProcessBuilder("sh", "-c",
                "while :; do for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do /bin/true & done; wait; done")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterEach
    void stopChurn() throws InterruptedException {
        churn.descendants().forEach(ProcessHandle::destroyForcibly);
        churn.destroyForcibly().waitFor();
    }

    private static void runs(Set<Integer> allowed, String... args) {
        for (int i = 0; i < 3; i++) {
            CliRun r = CliRun.of(args);
            assertTrue(allowed.contains(r.code()), String.join(" ", args) + " exited " + r.code() + ": " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertFalse(r.out().isBlank(), String.join(" ", args) + " printed nothing");
        }
    }

    @Test
    void zombiesDoctorAndStuckStayCalm() {
        runs(Set.of(0), "zombies");
        runs(Set.of(0), "zombies", "--output", "json");
        runs(Set.of(0, 3, 4), "doctor", "--sample", "200ms");
        runs(Set.of(0), "stuck", "-a", "--duration", "300ms", "--hz", "20", "-g", "comm,state,syscall,wchan,kstack,file,mount");
    }

    @Test
    void signalListsVanishingTargetsWithoutFailing() {
        for (int i = 0; i < 5; i++) {
            CliRun r = CliRun.of("signal", "-n", "CONT", "^true$");
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            CliRun sent = CliRun.of("signal", "CONT", "^true$", "--output", "json");
            assertTrue(Set.of(0, 1).contains(sent.code()), sent.err());
            assertFalse(sent.err().contains("Exception"), sent.err());
        }
    }
}
