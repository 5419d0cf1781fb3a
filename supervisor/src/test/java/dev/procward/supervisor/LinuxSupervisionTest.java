package dev.procward.supervisor;

import dev.procward.libc.SignalSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
