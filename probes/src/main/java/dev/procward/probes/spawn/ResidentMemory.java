package dev.procward.probes.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How big a parent really is: {@code Rss} and {@code AnonHugePages} from
 * {@code /proc/PID/smaps_rollup}, in bytes. A value that cannot be read is -1 (the process may
 * have gone, or smaps_rollup answered ESRCH), never an error.
 */
public record ResidentMemory(long rssBytes, long anonHugeBytes) {
    public static final ResidentMemory UNKNOWN = new ResidentMemory(-1, -1);

    public static ResidentMemory of(Path procRoot, long pid) {
        try {
            return parse(Files.readString(procRoot.resolve(Long.toString(pid)).resolve("smaps_rollup")));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    static ResidentMemory parse(String smapsRollup) {
        long rss = -1, huge = -1;
        for (String line : smapsRollup.split("\n")) {
            if (line.startsWith("Rss:")) rss = kilobytes(line);
            else if (line.startsWith("AnonHugePages:")) huge = kilobytes(line);
        }
        return new ResidentMemory(rss, huge);
    }

    private static long kilobytes(String line) {
        String[] words = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        return Long.parseLong(words[0]) * 1024;
    }
}
