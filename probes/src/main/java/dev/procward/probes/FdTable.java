package dev.procward.probes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /proc/PID/fd/}: every open descriptor with its target. The directory is unreadable for
 * other users' processes (and sometimes for root): that is a {@link Gap} on {@code fd}, not an error.
 * A descriptor closed while the directory is read is skipped.
 */
public record FdTable(List<FdEntry> entries, Gap gap) {
    public FdTable {
        entries = List.copyOf(entries);
    }

    public static FdTable read(Path procRoot, int pid) {
        Path dir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
        List<FdEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                try {
                    out.add(FdEntry.of(fd, Files.readSymbolicLink(p).toString()));
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link in a foreign root: skip this one descriptor
                }
            }
        } catch (IOException e) {
            return new FdTable(List.of(), Gap.of("fd", e, !Files.isDirectory(dir.getParent())));
        } catch (java.nio.file.DirectoryIteratorException e) {
            return new FdTable(List.of(), Gap.of("fd", e.getCause(), !Files.isDirectory(dir.getParent())));
        }
        out.sort(Comparator.comparingInt(FdEntry::fd));
        return new FdTable(out, null);
    }
}
