package dev.procward.probes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /proc/PID/fd/}: every open descriptor with its target. The directory is unreadable for
 * other users' processes (and sometimes for root): that is a {@link Gap} on {@code fd}, not an error.
 * A listable directory may still hold links that cannot be read: the kernel checks ptrace access
 * per link, so a same-uid reader lacking the target's capabilities lists the numbers yet reads no
 * target. Such descriptors are a gap on {@code fd} too, next to the entries that could be read. A
 * descriptor closed while the directory is read is skipped, unless the whole process vanished.
 */
public record FdTable(List<FdEntry> entries, Gap gap) {
    public FdTable {
        entries = List.copyOf(entries);
    }

    public static FdTable read(Path procRoot, int pid) {
        Path pidDir = procRoot.resolve(Integer.toString(pid));
        Path dir = pidDir.resolve("fd");
        List<FdEntry> out = new ArrayList<>();
        Gap unreadable = null;
        boolean closedMeanwhile = false;
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
                } catch (NoSuchFileException e) {
                    closedMeanwhile = true;
                } catch (IOException e) {
                    if (unreadable == null) unreadable = Gap.of("fd", e, false);
                } catch (UnsupportedOperationException e) {
                    // a foreign root whose file system has no links: the target is unknown, not absent
                    if (unreadable == null) unreadable = new Gap("fd", Gap.Reason.IO_ERROR);
                }
            }
        } catch (IOException e) {
            return new FdTable(List.of(), Gap.of("fd", e, !Files.isDirectory(pidDir)));
        } catch (java.nio.file.DirectoryIteratorException e) {
            return new FdTable(List.of(), Gap.of("fd", e.getCause(), !Files.isDirectory(pidDir)));
        }
        if (closedMeanwhile && unreadable == null && !Files.isDirectory(pidDir)) {
            unreadable = new Gap("fd", Gap.Reason.VANISHED);
        }
        out.sort(Comparator.comparingInt(FdEntry::fd));
        return new FdTable(out, unreadable);
    }
}
