package dev.procward.probes.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real parent that leaves N real zombies: a python3 process named {@code comm} that forks
 * children which exit at once, and never waits for them until it is told to stop (TERM), so the
 * zombies are reaped by their own parent and nothing leaks onto PID 1.
 */
final class ZombieMaker implements AutoCloseable {

    /** The script, shared with the cli's Prometheus IT (which reads it from the source tree). */
    static final String SCRIPT_RESOURCE = "zombie-maker.py";

    private final Process parent;

    private ZombieMaker(Process parent) {
        this.parent = parent;
    }

    static ZombieMaker start(int zombies, String comm) throws IOException {
        String script;
        try (var in = ZombieMaker.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Process p = new ProcessBuilder(python(), "-c", script, Integer.toString(zombies), comm)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertEquals("ready", line, "zombie maker did not start");
        return new ZombieMaker(p);
    }

    long pid() {
        return parent.pid();
    }

    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @Override
    public void close() throws InterruptedException {
        parent.destroy();
        if (!parent.waitFor(30, TimeUnit.SECONDS)) {
            parent.destroyForcibly();
        }
    }
}
