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
        long total = -1, available = -1;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) total = kilobytes(line);
            else if (line.startsWith("MemAvailable:")) available = kilobytes(line);
        }
        return new AvailableMemory(total, available);
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip().split("\\s+")[0]) * 1024;
    }
}
