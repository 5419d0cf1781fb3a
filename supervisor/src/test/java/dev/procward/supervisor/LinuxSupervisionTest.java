package dev.procward.supervisor;

import dev.procward.libc.SignalSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.procward.supervisor.SignalNames.TERM;

/**
 * {@link SupervisionContract} on the real kernel, in this JVM as a child subreaper. The test JVM
 * is started with every signal blocked (src/test/jvm/bin/java, configured in the pom), as the
 * launch chain does for {@code procward init}.
 */
class LinuxSupervisionTest extends SupervisionContract {
    @TempDir
    static Path scratch;

    @BeforeAll
    static void everyThreadBlocksSignals() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "not Linux: the simulator runs this contract elsewhere");
        boolean blocked = allThreadsBlock(15) && allThreadsBlock(17);
        if (!blocked && "true".equals(System.getenv("CI"))) {
            fail("the test JVM must start with all signals blocked (supervisor/src/test/jvm/bin/java)");
        }
        assumeTrue(blocked, "JVM not started with signals blocked: run through Maven (surefire <jvm> wrapper)");
    }

    @Override
    protected Kernel newKernel() {
        return new LinuxKernel(new StartState(SignalSet.EMPTY, SignalSet.EMPTY, java.util.Set.of(0, 1, 2),
                LaunchChain.childEnvironment(System.getenv())));
    }

    @Override
    protected Programs programs() {
        return new LinuxPrograms(scratch);
    }

    @Test
    void recordsTheCommandNameOfReapedOrphans() throws Exception {
        supervise(config(programs().leaveOrphans(2, java.time.Duration.ofMillis(100))).waitAll(true));
        assertEquals(List.of("sleep", "sleep"), events.reaped.stream().filter(r -> !r.main()).map(RecordingEvents.Reap::comm).toList());
    }

    // ---- reaping left to the kernel (SIGCHLD ignored) when no reap is reported ----

    @ParameterizedTest
    @ValueSource(ints = {0, 42, 255})
    void whenTheKernelReapsTheExitCodeStillComesFromThePidfd(int code) throws Exception {
        requireKernelReaping();
        assertEquals(code, superviseUnrecorded(config(programs().exitWith(code))));
    }

    @Test
    void whenTheKernelReapsDeathBySignalStillGives128PlusN() throws Exception {
        requireKernelReaping();
        assertEquals(128 + TERM, superviseUnrecorded(config(programs().killSelf(TERM))));
    }

    @Test
    void whenNoReapIsReportedSigchldIsIgnoredAndOrphansNeverLingerAsZombies() throws Exception {
        requireKernelReaping();
        var run = start(config(List.of("sh", "-c", "for i in 1 2 3 4 5; do (sleep 0.05 &); done; sleep 1; exit 3")), EventSink.NONE);
        Thread.sleep(500); // the orphans have exited; the main child still sleeps
        assertTrue(ignores(SignalNames.CHLD), "SIGCHLD ignored while the loop runs");
        assertEquals(List.of(), zombieChildrenOfThisProcess());
        assertEquals(3, run.get(scenarioTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        kernel.close();
        assertFalse(ignores(SignalNames.CHLD), "closing the kernel gives SIGCHLD its default back");
    }

    @Test
    void aLoopThatReportsReapsReapsItself() throws Exception {
        var run = start(config(List.of("sh", "-c", "sleep 0.5")).warnOnReap(true), EventSink.NONE);
        Thread.sleep(200);
        assertFalse(ignores(SignalNames.CHLD), "-w prints every reap: the loop must see them");
        assertEquals(0, run.get(scenarioTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void whenTheKernelReapsARestartedChildStillReportsItsStatus() throws Exception {
        requireKernelReaping();
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2, java.time.Duration.ofMillis(10),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));
        assertEquals(5, superviseUnrecorded(config(programs().exitWith(5)).restart(policy)));
    }

    @Test
    void orphansThatExitWhileARestartSpawnsAreReapedToo() throws Exception {
        requireKernelReaping();
        // The first run leaves a stream of short-lived orphans behind and exits; the restart's spawn
        // holds SIGCHLD at its default for a moment, and orphans exiting then become zombies.
        Path again = scratch.resolve("restarted");
        Files.deleteIfExists(again);
        String script = "if [ -e " + again + " ]; then sleep 5; exit 0; fi; touch " + again
                + "; (end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do (/bin/true &); done) & sleep 0.3; exit 1";
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 1, java.time.Duration.ofMillis(10),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(10));
        var run = start(config(List.of("sh", "-c", script)).restart(policy), EventSink.NONE);
        Thread.sleep(3500); // the orphan stream has ended, the restarted child still sleeps
        assertEquals(List.of(), zombieChildrenOfThisProcess(), "a zombie now is one nobody reaps until the child exits");
        assertEquals(0, run.get(scenarioTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void whenTheKernelReapsTermIsStillForwarded() throws Exception {
        requireKernelReaping();
        Programs.Program program = programs().trapping(TERM, 7);
        var run = start(config(program.argv()), EventSink.NONE);
        program.readiness().await(scenarioTimeout());
        deliverToSupervisor(kernel, TERM);
        assertEquals(7, run.get(scenarioTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** Linux 6.15, where a pidfd keeps the status: skipped before that, except under CI=true, where it fails. */
    private static void requireKernelReaping() {
        if (dev.procward.libc.ChildReaping.pidfdKeepsExitStatus()) return;
        if ("true".equals(System.getenv("CI"))) fail("CI needs Linux 6.15 for the kernel-reaping tests");
        org.junit.jupiter.api.Assumptions.abort("needs Linux 6.15 (a pidfd keeps the exit status)");
    }

    private static boolean ignores(int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        throw new IllegalStateException("no SigIgn line");
    }

    private static List<Integer> zombieChildrenOfThisProcess() throws IOException {
        long self = ProcessHandle.current().pid();
        List<Integer> zombies = new java.util.ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (after[0].equals("Z") && Long.parseLong(after[1]) == self) zombies.add(Integer.parseInt(p.getFileName().toString()));
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return zombies;
    }

    private static boolean allThreadsBlock(int signal) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("SigBlk:")) {
                        long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                        if ((mask & (1L << (signal - 1))) == 0) return false;
                    }
                }
            }
        } catch (java.nio.file.NoSuchFileException ignored) {
            // a thread ended while we looked
        }
        return true;
    }
}
