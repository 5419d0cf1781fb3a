package dev.procward.probes.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the reader of a /proc root runs inside a container, and why we think so. Signs, each
 * checked only where it can be read: a PID namespace other than the initial one (its inode is
 * always 4026531836), {@code /.dockerenv} or {@code /run/.containerenv} beside a live /proc, a
 * container runtime in PID 1's cgroup path, or {@code container=} in PID 1's environment.
 *
 * @param inContainer at least one sign was found
 * @param signs       the signs found, in words
 */
public record ContainerEvidence(boolean inContainer, List<String> signs) {
    /** PROC_PID_INIT_INO: the inode of the initial PID namespace on every kernel. */
    public static final long INITIAL_PID_NS_INODE = 4026531836L;

    public ContainerEvidence {
        signs = List.copyOf(signs);
    }

    public static ContainerEvidence read(Path procRoot) {
        List<String> signs = new ArrayList<>();
        String ns = ProcFiles.readLink(procRoot.resolve("1").resolve("ns").resolve("pid")).orElse("");
        if (ns.startsWith("pid:[") && !ns.equals("pid:[" + INITIAL_PID_NS_INODE + "]")) {
            signs.add("PID 1 is in a child PID namespace (" + ns + ")");
        }
        if (procRoot.equals(Path.of("/proc"))) {
            if (Files.exists(Path.of("/.dockerenv"))) signs.add("/.dockerenv exists");
            if (Files.exists(Path.of("/run/.containerenv"))) signs.add("/run/.containerenv exists");
        }
        String cg = ProcFiles.readString(procRoot.resolve("1").resolve("cgroup")).orElse("");
        for (String runtime : List.of("docker", "kubepods", "containerd", "libpod", "lxc", "crio")) {
            if (cg.contains(runtime)) {
                signs.add("PID 1's cgroup names " + runtime);
                break;
            }
        }
        String env = ProcFiles.readString(procRoot.resolve("1").resolve("environ")).orElse("");
        for (String kv : env.split("\0")) {
            if (kv.startsWith("container=")) signs.add("PID 1 has " + kv);
        }
        return new ContainerEvidence(!signs.isEmpty(), signs);
    }
}
