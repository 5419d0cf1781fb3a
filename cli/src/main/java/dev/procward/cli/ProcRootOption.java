package dev.procward.cli;

import dev.procward.probes.capture.CaptureReader;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an inspector reads /proc from: the live /proc, another directory, or a capture archive
 * ({@code procward capture}). Shared by every inspector as a picocli mixin.
 */
public final class ProcRootOption {
    @Option(names = "--proc-root", paramLabel = "PATH", defaultValue = "/proc",
            description = "Read /proc from PATH: a directory or a capture file (default: ${DEFAULT-VALUE}).")
    public String procRoot = "/proc";

    private Path resolved;

    /**
     * Resolves the root to a readable directory Path. A capture file is unpacked once into a
     * private temporary directory that is removed when the JVM exits.
     */
    public Path resolve() {
        if (resolved != null) return resolved;
        Path p = Path.of(procRoot);
        if (!Files.exists(p)) {
            throw new UserError("--proc-root " + procRoot + ": no such file or directory");
        }
        if (Files.isDirectory(p)) return resolved = p;
        try {
            return resolved = CaptureReader.openDeletingOnExit(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("--proc-root " + procRoot + ": not a procward capture (" + e.getMessage() + ")");
        }
    }
}
