package dev.procward.probes.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code MemTotal} and {@code MemAvailable} from {@code /proc/meminfo}, in bytes (-1 when unknown). */
public record AvailableMemory(long totalBytes, long availableBytes) {

    public static AvailableMemory read(Path procRoot) {
        try {
            return parse(Files.readString(procRoot.resolve("meminfo")));
        } catch (IOException | RuntimeException e) {
            return new AvailableMemory(-1, -1);
        }
    }

    static AvailableMemory parse(String meminfo) {
        return new AvailableMemory(KilobyteFields.bytes(meminfo, "MemTotal"), KilobyteFields.bytes(meminfo, "MemAvailable"));
    }
}
