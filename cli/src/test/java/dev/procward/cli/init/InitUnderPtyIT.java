package dev.procward.cli.init;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/** Ctrl-C typed on a terminal reaches the child in the foreground, which dies of SIGINT: 130. */
class InitUnderPtyIT {
    @TempDir
    static Path tmp;
    static Path ctrlC;

    @BeforeAll
    static void helper() throws Exception {
        requireRootAndUnshare();
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            if ("true".equals(System.getenv("CI"))) fail("python3 is needed for the pty test");
            org.junit.jupiter.api.Assumptions.abort("python3 is needed for the pty test");
        }
        ctrlC = tmp.resolve("ctrl-c.py");
        try (InputStream in = InitUnderPtyIT.class.getResourceAsStream("ctrl-c.py")) {
            Files.write(ctrlC, in.readAllBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(Inits.class)
    void ctrlCReachesTheForegroundChildAndTheExitIs130(Inits init) throws Exception {
        List<String> cmd = concat(List.of("/usr/bin/python3", ctrlC.toString()), init.command(List.of()).toArray(String[]::new));
        Result r = run(concat(cmd, "/bin/sh", "-c", "echo ready; while :; do sleep 0.05; done"));
        assertEquals("130", r.out().strip(), init + ": " + r);
    }
}
