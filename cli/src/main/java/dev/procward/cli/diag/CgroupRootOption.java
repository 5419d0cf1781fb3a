package dev.procward.cli.diag;

import dev.procward.cli.UserError;
import dev.procward.probes.capture.CaptureLayout;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --cgroup-root}: where the cgroup filesystem is (for limits and OOM counts). By default the
 * one that belongs to the /proc root: {@code /sys/fs/cgroup} for the live /proc, the mirrored copy
 * inside a capture.
 */
public final class CgroupRootOption {
    @Option(names = "--cgroup-root", paramLabel = "PATH",
            description = "Read cgroup limits from PATH (default: /sys/fs/cgroup, or the copy inside a capture).")
    public String cgroupRoot;

    public Path resolve(Path procRoot) {
        if (cgroupRoot == null) return CaptureLayout.cgroupFs(procRoot);
        Path p = Path.of(cgroupRoot);
        if (!Files.isDirectory(p)) throw new UserError("--cgroup-root " + cgroupRoot + ": not a directory");
        return p;
    }
}
