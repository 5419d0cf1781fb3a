package dev.procward.probes.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The children of a process, live or zombie, as the kernel lists them in
 * {@code /proc/PID/task/TID/children} (one file per thread, since a child belongs to the thread
 * that created it). This is how the laboratory proves that nothing it spawned was left behind.
 */
public final class ChildProcesses {
    private ChildProcesses() {}

    public static Set<Long> of(Path procRoot, long pid) {
        Set<Long> children = new TreeSet<>();
        Path tasks = procRoot.resolve(Long.toString(pid)).resolve("task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    for (String word : Files.readString(thread.resolve("children")).trim().split("\\s+")) {
                        if (!word.isEmpty()) children.add(Long.parseLong(word));
                    }
                } catch (IOException e) {
                    // the thread ended while we listed: it has no children to report any more
                }
            }
        } catch (IOException e) {
            throw new SpawnLabException("cannot list the children of " + pid + ": " + e.getMessage(), e);
        }
        return children;
    }
}
