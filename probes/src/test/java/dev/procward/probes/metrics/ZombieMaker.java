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

    private static final String SCRIPT = """
            import os, signal, sys, time
            open('/proc/self/comm', 'w').write(sys.argv[2])
            kids = []
            for _ in range(int(sys.argv[1])):
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                kids.append(pid)
            def stop(*_):
                for k in kids:
                    os.waitpid(k, 0)
                sys.exit(0)
            signal.signal(signal.SIGTERM, stop)
            print('ready', flush=True)
            while True:
                time.sleep(60)
            """;

    private final Process parent;

    private ZombieMaker(Process parent) {
        this.parent = parent;
    }

    static ZombieMaker start(int zombies, String comm) throws IOException {
        Process p = new ProcessBuilder(python(), "-c", SCRIPT, Integer.toString(zombies), comm)
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
