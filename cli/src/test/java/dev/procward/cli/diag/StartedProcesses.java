package dev.procward.cli.diag;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The processes a test starts, killed (and waited for) after each test: use with {@code @RegisterExtension}. */
final class StartedProcesses implements AfterEachCallback {
    private final List<Process> started = new ArrayList<>();

    /** Starts {@code command} with its output discarded. */
    Process start(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process p : started) p.destroyForcibly().waitFor();
        started.clear();
    }
}
