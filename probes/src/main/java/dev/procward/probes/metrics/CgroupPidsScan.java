package dev.procward.probes.metrics;

import dev.procward.probes.kernel.ProcFiles;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pids cgroups closest to their {@code pids.max}, found by walking the pids hierarchy of a
 * cgroup filesystem (v2 unified, or v1 {@code pids/}). {@code CgroupResources} answers "what
 * binds this process"; a fleet view needs the other direction, "which cgroups are about to refuse
 * new tasks", without reading {@code /proc/PID/cgroup} for every process. The walk is bounded in
 * directories, and only cgroups with a limit of their own are reported, the fullest first.
 */
public final class CgroupPidsScan {

    private final Path cgroupRoot;
    private final int maxDirectories;

    public CgroupPidsScan(Path cgroupRoot, int maxDirectories) {
        this.cgroupRoot = cgroupRoot;
        this.maxDirectories = maxDirectories;
    }

    /** The {@code limit} fullest limited cgroups; empty when there is no pids hierarchy. */
    public List<HostMetrics.CgroupPids> fullest(int limit) {
        Optional<Path> hierarchy = pidsHierarchy();
        if (hierarchy.isEmpty() || limit <= 0) {
            return List.of();
        }
        Path top = hierarchy.get();
        List<HostMetrics.CgroupPids> limited = new ArrayList<>();
        Deque<Path> queue = new ArrayDeque<>(children(top));
        int visited = 0;
        while (!queue.isEmpty() && visited < maxDirectories) {
            Path dir = queue.poll();
            visited++;
            OptionalLong max = number(dir.resolve("pids.max"));
            if (max.isPresent()) {
                OptionalLong current = number(dir.resolve("pids.current"));
                if (current.isPresent()) {
                    limited.add(new HostMetrics.CgroupPids("/" + top.relativize(dir), current.getAsLong(), max));
                }
            }
            queue.addAll(children(dir));
        }
        limited.sort(Comparator.comparingDouble((HostMetrics.CgroupPids c) ->
                (double) c.current() / Math.max(1, c.max().getAsLong())).reversed()
                .thenComparing(HostMetrics.CgroupPids::cgroup));
        return List.copyOf(limited.subList(0, Math.min(limit, limited.size())));
    }

    private Optional<Path> pidsHierarchy() {
        for (Path unified : List.of(cgroupRoot, cgroupRoot.resolve("unified"))) {
            String controllers = ProcFiles.readString(unified.resolve("cgroup.controllers")).orElse("");
            if (List.of(controllers.strip().split("\\s+")).contains("pids")) {
                return Optional.of(unified);
            }
        }
        Path v1 = cgroupRoot.resolve("pids");
        return Files.isDirectory(v1) ? Optional.of(v1) : Optional.empty();
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(out::add);
        } catch (IOException | DirectoryIteratorException e) {
            // A cgroup removed during the walk has no children left to report.
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** A number; "max" (no limit) and unreadable files are empty. */
    private static OptionalLong number(Path file) {
        String text = ProcFiles.readString(file).orElse("").strip();
        try {
            return text.isEmpty() || text.equals("max") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
