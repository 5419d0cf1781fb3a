package dev.procward.probes.diag;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the tests on the live /proc: real processes they start are always destroyed. */
abstract class LiveProcessTest {
    static final Path PROC = Path.of("/proc");

    final RealProcesses procs = new RealProcesses();

    @TempDir
    Path tmp;

    @AfterEach
    void destroyStartedProcesses() {
        procs.close();
    }
}
