package dev.procward.probes.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The C reference harness ({@code bench/spawn/spawnref.c}) and the tiny static target
 * ({@code bench/spawn/true_static.c}), compiled with the host's {@code cc} into a work directory.
 * Without a compiler the C rows are reported as unavailable, with the reason; they are never faked.
 */
public record CReference(Optional<Path> harness, Optional<Path> staticTarget, String unavailableReason) {
    private static final String HARNESS_SOURCE = "spawnref.c";
    private static final String STATIC_SOURCE = "true_static.c";
    private static final long COMPILE_TIMEOUT_SECONDS = 120;

    public static CReference unavailable(String reason) {
        return new CReference(Optional.empty(), Optional.empty(), reason);
    }

    /** Compiles both programs into {@code workDir} with the first {@code cc} on PATH. */
    public static CReference build(Path workDir) {
        return build(workDir, System.getenv("PATH"));
    }

    /** As {@link #build(Path)}, looking for {@code cc} in {@code searchPath} (colon-separated). */
    static CReference build(Path workDir, String searchPath) {
        Optional<Path> cc = findOnPath("cc", searchPath);
        if (cc.isEmpty()) return unavailable("no C compiler: cc is not on PATH");
        try {
            Path harness = workDir.resolve("spawnref");
            Path staticTarget = workDir.resolve("true-static");
            String harnessError = compile(cc.get(), workDir, HARNESS_SOURCE, harness, List.of("-O2"));
            if (harnessError != null) return unavailable("cc failed on spawnref.c: " + harnessError);
            String staticError = compile(cc.get(), workDir, STATIC_SOURCE, staticTarget, List.of("-static", "-nostdlib", "-Os"));
            return new CReference(Optional.of(harness),
                    staticError == null ? Optional.of(staticTarget) : Optional.empty(),
                    staticError == null ? null : "cc failed on true_static.c: " + staticError);
        } catch (IOException e) {
            return unavailable("cannot build the C reference: " + e.getMessage());
        }
    }

    /** Returns null on success, else the compiler's last words. */
    private static String compile(Path cc, Path workDir, String source, Path output, List<String> flags) throws IOException {
        Path src = workDir.resolve(source);
        try (InputStream in = CReference.class.getResourceAsStream(source)) {
            if (in == null) return "source " + source + " is missing from the classpath";
            Files.write(src, in.readAllBytes());
        }
        List<String> command = new ArrayList<>();
        command.add(cc.toString());
        command.addAll(flags);
        command.addAll(List.of("-o", output.toString(), src.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] said = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        if (p.exitValue() == 0 && Files.isExecutable(output)) return null;
        String text = new String(said, StandardCharsets.UTF_8).strip();
        String[] lines = text.split("\n");
        return "exit " + p.exitValue() + (text.isEmpty() ? "" : ": " + lines[lines.length - 1]);
    }

    static Optional<Path> findOnPath(String program) {
        return findOnPath(program, System.getenv("PATH"));
    }

    static Optional<Path> findOnPath(String program, String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
