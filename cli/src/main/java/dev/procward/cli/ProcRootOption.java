package dev.procward.cli;

import picocli.CommandLine.Option;

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

    /** Resolves the root to a readable directory Path; captures are opened read-only. */
    public Path resolve() {
        Path p = Path.of(procRoot);
        if (!Files.exists(p)) {
            throw new UserError("--proc-root " + procRoot + ": no such file or directory");
        }
        return p;
    }
}
