package dev.procward.cli.init;

import dev.procward.cli.Prerequisite;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.procward.cli.init.Runs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Under a pseudo-terminal: Ctrl-C typed on it reaches the child in the foreground, which dies of
 * SIGINT: 130; in dumb-init mode the child, in its own session, gets the terminal as its
 * controlling terminal, as real dumb-init's child does.
 */
class InitUnderPtyIT {
    @TempDir
    static Path tmp;
    static Path ctrlC;

    @BeforeAll
    static void helper() throws Exception {
        requireRootAndUnshare();
        Prerequisite.require(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is needed for the pty test");
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

    /** dumb-init's setsid mode, by the three ways of asking for it, and Debian's dumb-init itself. */
    static Stream<List<String>> newSessionInits() {
        return Inits.inDumbInitMode();
    }

    /**
     * {@code script} runs the init as the leader of a session that has the pty as controlling
     * terminal (as a container runtime does with {@code -t}). The child reads its own session and
     * tty_nr from /proc/PID/stat: it must lead its session, and tty_nr must be the device of the
     * terminal on its stdin.
     */
    @ParameterizedTest
    @MethodSource("newSessionInits")
    void inANewSessionTheChildGetsTheTerminalAsItsControllingTerminal(List<String> init) throws Exception {
        Prerequisite.require(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux) is needed for the pty test");
        String probe = "read -r pid comm state ppid pgrp sid tty rest < /proc/$$/stat; "
                + "echo \"probe pid=$$ sid=$sid tty_nr=$tty dev=$(stat -L -c %t:%T /proc/$$/fd/0)\"";
        String command = Stream.concat(init.stream(), Stream.of("/bin/sh", "-c", probe))
                .map(InitUnderPtyIT::quoted).collect(Collectors.joining(" "));
        Result r = run(List.of("/usr/bin/script", "-qec", "exec " + command, "/dev/null"));
        Matcher m = Pattern.compile("probe pid=(\\d+) sid=(\\d+) tty_nr=(\\d+) dev=(\\p{XDigit}+):(\\p{XDigit}+)").matcher(r.out());
        assertTrue(m.find(), init + ": " + r);
        assertEquals(m.group(1), m.group(2), init + ": the child leads its own session");
        int major = Integer.parseInt(m.group(4), 16);
        int minor = Integer.parseInt(m.group(5), 16);
        int terminal = (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12); // the kernel's tty_nr encoding
        assertEquals(terminal, Integer.parseInt(m.group(3)), init + ": tty_nr is the terminal on stdin: " + r);
        assertEquals(0, r.code(), init + ": " + r);
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
