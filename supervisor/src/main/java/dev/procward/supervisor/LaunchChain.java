package dev.procward.supervisor;

import dev.procward.libc.ErrnoException;
import dev.procward.libc.Exec;
import dev.procward.libc.Fds;
import dev.procward.libc.SignalSet;
import dev.procward.libc.Signals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gets the init JVM to a state where every thread blocks every signal, so that signals wait in
 * the signalfd instead of reaching a JVM thread (DESIGN.md, "Signals in a JVM").
 *
 * <p>Stage 1 (this JVM was started normally): record the mask, ignored signals and inherited
 * descriptors procward was started with, block all signals in this thread, and
 * {@code execve("/proc/self/exe", same command line)} with the record in {@link #MARKER}. The
 * mask survives the exec, so every thread of the stage-2 JVM is born with it.
 * Stage 2 (the marker is present): decode the record, drop the marker from the environment the
 * child will get, and check that the signals are indeed blocked.
 */
public final class LaunchChain {
    private LaunchChain() {}

    /** Environment variable carrying the start state across the re-exec. */
    public static final String MARKER = "PROCWARD_INIT_STATE";
    /** procward's own launch variables; never passed on to the child. */
    private static final Set<String> PRIVATE_VARIABLES = Set.of(MARKER, "_JAVA_SR_SIGNUM");

    /**
     * Returns the start state in stage 2; in stage 1 re-executes this JVM and does not return.
     *
     * @throws IllegalStateException when the signals cannot be blocked (the exec failed)
     */
    public static StartState ensureSignalsBlocked() {
        Map<String, String> env = System.getenv();
        List<String> childEnv = childEnvironment(env);
        String marker = env.get(MARKER);
        SignalSet before = Signals.rtSigprocmask(Signals.How.BLOCK, SignalSet.ALL);
        if (marker != null && before.contains(15) && before.contains(17)) {
            // Born blocked: by the launcher (`env --block-signal`) or by our own re-exec.
            return StartState.decode(marker, childEnv);
        }
        StartState state = marker != null ? StartState.decode(marker, childEnv)
                : new StartState(before, ignoredNow(), inheritedFds(), childEnv);
        markJvmDescriptorsCloseOnExec(state.inheritedFds());
        List<String> execEnv = new ArrayList<>();
        env.forEach((k, v) -> { if (!k.equals(MARKER)) execEnv.add(k + "=" + v); });
        execEnv.add(MARKER + "=" + state.encode());
        try {
            Exec.execve("/proc/self/exe", commandLine(), execEnv);
        } catch (ErrnoException e) {
            Signals.rtSigprocmask(Signals.How.SETMASK, before);
            throw new IllegalStateException("cannot re-execute the JVM with signals blocked: " + e.getMessage(), e);
        }
        throw new IllegalStateException("execve returned");
    }

    /** The JVM's own descriptors (modules image, jar) would otherwise survive the re-exec. */
    private static void markJvmDescriptorsCloseOnExec(Set<Integer> inherited) {
        for (int fd : openFds()) {
            if (inherited.contains(fd)) continue;
            try {
                Fds.setCloseOnExec(fd, true);
            } catch (ErrnoException ignored) {
                // closed meanwhile
            }
        }
    }

    /** The environment for children: ours without procward's private launch variables. */
    public static List<String> childEnvironment(Map<String, String> env) {
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> { if (!PRIVATE_VARIABLES.contains(k)) out.add(k + "=" + v); });
        return out;
    }

    /** This JVM's command line, as the kernel recorded it. */
    private static List<String> commandLine() {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> argv = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return argv;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/cmdline: " + e.getMessage(), e);
        }
    }

    /** The signals ignored right now, from the SigIgn line of /proc/self/status. */
    public static SignalSet ignoredNow() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) return new SignalSet(Long.parseUnsignedLong(line.substring(7).strip(), 16));
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: nothing known to be ignored
        }
        return SignalSet.EMPTY;
    }

    /**
     * The descriptors procward inherited, as well as can be told from inside the JVM: those
     * without close-on-exec that are not the JVM's own files (its runtime image, the class path,
     * a CDS/AOT archive). The launcher script knows them exactly and passes them in the marker.
     */
    static Set<Integer> inheritedFds() {
        Set<Integer> fds = new TreeSet<>(List.of(0, 1, 2));
        String javaHome = System.getProperty("java.home", "/nonexistent");
        Set<String> classPath = Set.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator));
        for (int fd : openFds()) {
            if (fd <= 2) continue;
            try {
                if (Fds.isCloseOnExec(fd)) continue;
                Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
                String t = target.toString();
                boolean jvmOwn = t.startsWith(javaHome) || t.endsWith(".aot") || t.endsWith(".jsa")
                        || classPath.stream().anyMatch(c -> !c.isEmpty() && Path.of(c).toAbsolutePath().toString().equals(t));
                if (!jvmOwn) fds.add(fd);
            } catch (ErrnoException | IOException ignored) {
                // closed while we looked
            }
        }
        return fds;
    }

    /** Every descriptor open in this process now. */
    public static Set<Integer> openFds() {
        Set<Integer> fds = new TreeSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : dir) fds.add(Integer.parseInt(p.getFileName().toString()));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot list /proc/self/fd: " + e.getMessage(), e);
        }
        return fds;
    }
}
