package dev.procward.probes.metrics;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code /proc/PID/fd/}: how many descriptors a process has open, by counting the directory's
 * entries (the links are not followed). The directory is mode 0500 and owned by the process's
 * user, so reading another user's needs CAP_DAC_READ_SEARCH; without it the count is a gap.
 */
public final class OpenFds {
    private OpenFds() {}

    /** The count, or empty when the process vanished or its fd/ is not readable. */
    public static OptionalLong count(Path procRoot, int pid) {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(procRoot.resolve(Integer.toString(pid)).resolve("fd"))) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException | DirectoryIteratorException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n);
    }
}
