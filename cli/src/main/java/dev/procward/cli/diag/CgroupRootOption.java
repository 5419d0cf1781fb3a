package dev.procward.cli.diag;

import dev.procward.cli.UserError;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --cgroup-root}: where the cgroup filesystem is mounted (for limits and OOM counts). */
public final class CgroupRootOption {
    @Option(names = "--cgroup-root", paramLabel = "PATH", defaultValue = "/sys/fs/cgroup",
            description = "Read cgroup limits from PATH (default: ${DEFAULT-VALUE}).")
    public String cgroupRoot = "/sys/fs/cgroup";

    public Path resolve() {
        Path p = Path.of(cgroupRoot);
        if (!Files.isDirectory(p) && !cgroupRoot.equals("/sys/fs/cgroup")) throw new UserError("--cgroup-root " + cgroupRoot + ": not a directory");
        return p;
    }
}
