package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Memory and pid usage of a cgroup against its limits, and its OOM-kill count, read from the
 * cgroup filesystem root (normally {@code /sys/fs/cgroup}; any directory laid out the same way).
 *
 * <ul>
 *   <li>v2: {@code memory.current}, {@code memory.max}, {@code memory.events} (oom_kill),
 *       {@code pids.current}, {@code pids.max}, under the unified hierarchy at the root (or at
 *       {@code unified/} on hybrid hosts).</li>
 *   <li>v1: {@code memory.usage_in_bytes}, {@code memory.limit_in_bytes},
 *       {@code memory.oom_control} (oom_kill), {@code pids.current}, {@code pids.max}, under the
 *       controller's own hierarchy directory ({@code memory/}, or a joined one such as
 *       {@code cpu,cpuacct/}).</li>
 * </ul>
 *
 * When a cgroup has no limit of its own, the nearest ancestor that has one binds it; that
 * ancestor's usage and limit are reported. Inside a container whose cgroup filesystem is mounted
 * at its own cgroup, the host path in {@code /proc/PID/cgroup} does not exist under the root; the
 * root of the hierarchy is then taken as the process's cgroup.
 */
public final class CgroupResources {
    /** v1 reports "no limit" as the largest page-aligned counter; anything this big is unlimited. */
    private static final long V1_UNLIMITED = 1L << 62;

    private CgroupResources() {}

    /** Usage against a limit; {@code max} null means unlimited. {@code cgroup} is where the limit lives. */
    public record Counter(String cgroup, long current, Long max) {
        /** current/max in [0,1], or -1 when unlimited. */
        public double fraction() {
            return max == null || max <= 0 ? -1 : (double) current / max;
        }
    }

    /**
     * One process's cgroup resources. Any component is null when its controller is not mounted or
     * not readable.
     */
    public record Usage(String version /* v1, v2, hybrid or none */, Counter memory, Counter pids, Long oomKills) {}

    public static Usage read(Path cgroupRoot, CgroupMembership membership) {
        Optional<Path> unified = unifiedDir(cgroupRoot);
        var v2 = membership.unified();
        Path v2Dir = unified.isPresent() && v2.isPresent() ? locate(unified.get(), v2.get().path()) : null;
        List<String> v2Controllers = unified.map(CgroupResources::controllers).orElse(List.of());

        Counter memory = null;
        Long oomKills = null;
        Counter pids = null;
        boolean v1Used = false;
        boolean v2Used = false;
        if (v2Dir != null && v2Controllers.contains("memory")) {
            memory = counter(unified.get(), v2Dir, "memory.current", "memory.max");
            oomKills = keyedValue(v2Dir.resolve("memory.events"), "oom_kill");
            v2Used = true;
        } else {
            var mem = membership.v1("memory");
            Optional<Path> memRoot = mem.isPresent() ? controllerDir(cgroupRoot, "memory") : Optional.empty();
            if (memRoot.isPresent()) {
                Path dir = locate(memRoot.get(), mem.get().path());
                memory = counter(memRoot.get(), dir, "memory.usage_in_bytes", "memory.limit_in_bytes");
                oomKills = keyedValue(dir.resolve("memory.oom_control"), "oom_kill");
                v1Used = true;
            }
        }
        if (v2Dir != null && v2Controllers.contains("pids")) {
            pids = counter(unified.get(), v2Dir, "pids.current", "pids.max");
            v2Used = true;
        } else {
            var pid = membership.v1("pids");
            Optional<Path> pidsRoot = pid.isPresent() ? controllerDir(cgroupRoot, "pids") : Optional.empty();
            if (pidsRoot.isPresent()) {
                pids = counter(pidsRoot.get(), locate(pidsRoot.get(), pid.get().path()), "pids.current", "pids.max");
                v1Used = true;
            }
        }
        String version = v1Used && v2Used ? "hybrid" : v2Used ? "v2" : v1Used ? "v1" : "none";
        return new Usage(version, memory, pids, oomKills);
    }

    /** Controllers enabled in a v2 hierarchy, from its root's {@code cgroup.controllers}. */
    private static List<String> controllers(Path unified) {
        String s = ProcFiles.readString(unified.resolve("cgroup.controllers")).orElse("").strip();
        return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
    }

    private static Optional<Path> unifiedDir(Path root) {
        if (Files.exists(root.resolve("cgroup.controllers"))) return Optional.of(root);
        Path hybrid = root.resolve("unified");
        return Files.exists(hybrid.resolve("cgroup.controllers")) ? Optional.of(hybrid) : Optional.empty();
    }

    private static Optional<Path> controllerDir(Path root, String controller) {
        Path direct = root.resolve(controller);
        if (Files.isDirectory(direct)) return Optional.of(direct);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (Arrays.asList(d.getFileName().toString().split(",")).contains(controller) && Files.isDirectory(d)) {
                    return Optional.of(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Path locate(Path hierarchy, String cgroupPath) {
        String rel = cgroupPath.replaceFirst("^/+", "");
        if (rel.isEmpty()) return hierarchy;
        Path dir = hierarchy.resolve(rel).normalize();
        return dir.startsWith(hierarchy) && Files.isDirectory(dir) ? dir : hierarchy;
    }

    /** Usage and limit in {@code dir}; without a limit there, the nearest limited ancestor's. */
    private static Counter counter(Path hierarchy, Path dir, String currentFile, String maxFile) {
        Long current = number(dir.resolve(currentFile));
        if (current == null) return null;
        for (Path d = dir; d != null && d.startsWith(hierarchy); d = d.getParent()) {
            Long max = limit(d.resolve(maxFile));
            if (max != null) {
                Long there = d.equals(dir) ? current : number(d.resolve(currentFile));
                return new Counter(name(hierarchy, d), there == null ? current : there, max);
            }
        }
        return new Counter(name(hierarchy, dir), current, null);
    }

    private static String name(Path hierarchy, Path dir) {
        String rel = hierarchy.relativize(dir).toString();
        return "/" + rel;
    }

    private static Long limit(Path file) {
        return ProcFiles.readString(file).map(CgroupResources::parseLimit).orElse(null);
    }

    private static Long number(Path file) {
        return ProcFiles.readString(file).map(CgroupResources::parseNumber).orElse(null);
    }

    /**
     * A limit file's text ({@code memory.max}, {@code pids.max}, {@code memory.limit_in_bytes}): a
     * number, or null for "max", a v1 huge value (both unlimited) and anything that is no number.
     * Never throws.
     */
    static Long parseLimit(String text) {
        String s = text.strip();
        if (s.equals("max")) return null;
        Long v = parseNumber(s);
        return v == null || v >= V1_UNLIMITED ? null : v;
    }

    /** A counter file's text ({@code memory.current}, {@code pids.current}): a number, or null. Never throws. */
    static Long parseNumber(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A "key value" line in a flat-keyed file such as memory.events or memory.oom_control. */
    static Long keyedValue(Path file, String key) {
        String s = ProcFiles.readString(file).orElse(null);
        if (s == null) return null;
        try {
            return FlatKeyed.parse(s, "cgroup " + file.getFileName()).get(key);
        } catch (ProcParseException e) {
            return null;
        }
    }
}
