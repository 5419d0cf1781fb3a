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
        return new ResidentMemory(KilobyteFields.bytes(smapsRollup, "Rss"), KilobyteFields.bytes(smapsRollup, "AnonHugePages"));
    }
}
