package dev.procward.probes.kernel;

import dev.procward.probes.SystemInfo;
import dev.procward.probes.capture.CaptureLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Whether the reader of a /proc root runs inside a container, and why we think so. Signs, each
 * checked only where it can be read: a PID namespace other than the initial one (its inode is
 * always 4026531836), {@code /.dockerenv} or {@code /run/.containerenv} beside a live /proc (or
 * recorded by the capture, which saw them beside the /proc it read), a container runtime in
 * PID 1's cgroup path, or {@code container=} in PID 1's environment.
 *
 * @param inContainer at least one sign was found
 * @param signs       the signs found, in words
 */
public record ContainerEvidence(boolean inContainer, List<String> signs) {
    /** PROC_PID_INIT_INO: the inode of the initial PID namespace on every kernel. */
    public static final long INITIAL_PID_NS_INODE = 4026531836L;

    /** Files container runtimes put at the root of a container's file system. */
    public static final List<String> MARKER_FILES = List.of("/.dockerenv", "/run/.containerenv");

    public ContainerEvidence {
        signs = List.copyOf(signs);
    }

    public static ContainerEvidence read(Path procRoot) {
        return of(ProcFiles.readLink(procRoot.resolve("1").resolve("ns").resolve("pid")).orElse(""),
                ProcFiles.readString(procRoot.resolve("1").resolve("cgroup")).orElse(""),
                ProcFiles.readString(procRoot.resolve("1").resolve("environ")).orElse(""),
                markers(procRoot));
    }

    /**
     * The marker files that belong to a root: those beside the live /proc, those a capture recorded,
     * and none for other directories (a simulator rendering has no file system of its own).
     */
    public static List<String> markers(Path procRoot) {
        if (procRoot.toAbsolutePath().normalize().equals(Path.of("/proc"))) {
            return MARKER_FILES.stream().filter(f -> Files.exists(Path.of(f))).toList();
        }
        Properties meta = SystemInfo.captureMeta(procRoot);
        return meta == null ? List.of() : parseMarkers(meta.getProperty(CaptureLayout.CONTAINER_MARKERS, ""));
    }

    /** A recorded marker list (comma-separated): only the known marker names count. */
    public static List<String> parseMarkers(String recorded) {
        List<String> out = new ArrayList<>();
        for (String m : recorded.split(",")) {
            String name = m.strip();
            if (MARKER_FILES.contains(name) && !out.contains(name)) out.add(name);
        }
        return out;
    }

    /** The same list as a capture records it. */
    public static String formatMarkers(List<String> markers) {
        return String.join(",", markers);
    }

    /**
     * Judges the evidence.
     *
     * @param pid1PidNs   PID 1's {@code ns/pid} link target, empty when unreadable
     * @param pid1Cgroup  PID 1's {@code cgroup} text, empty when unreadable
     * @param pid1Environ PID 1's {@code environ}, empty when unreadable
     * @param markers     the marker files found (see {@link #markers})
     */
    public static ContainerEvidence of(String pid1PidNs, String pid1Cgroup, String pid1Environ, List<String> markers) {
        List<String> signs = new ArrayList<>();
        if (pid1PidNs.startsWith("pid:[") && !pid1PidNs.equals("pid:[" + INITIAL_PID_NS_INODE + "]")) {
            signs.add("PID 1 is in a child PID namespace (" + pid1PidNs + ")");
        }
        for (String m : markers) signs.add(m + " exists");
        for (String runtime : List.of("docker", "kubepods", "containerd", "libpod", "lxc", "crio")) {
            if (pid1Cgroup.contains(runtime)) {
                signs.add("PID 1's cgroup names " + runtime);
                break;
            }
        }
        for (String kv : pid1Environ.split("\0")) {
            if (kv.startsWith("container=")) signs.add("PID 1 has " + kv);
        }
        return new ContainerEvidence(!signs.isEmpty(), signs);
    }
}
