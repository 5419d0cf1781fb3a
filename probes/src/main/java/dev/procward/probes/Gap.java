package dev.procward.probes;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A piece of a process that could not be read. Gaps are data, shown in the output, never thrown.
 *
 * @param source the file or directory relative to the pid directory, e.g. {@code "environ"}, {@code "fd"}
 */
public record Gap(String source, Reason reason) {
    public enum Reason {
        /** The process exited while it was being read (ENOENT on its directory, ESRCH). */
        VANISHED,
        /** EACCES or EPERM: another user's process, or ptrace access mode denied. */
        PERMISSION_DENIED,
        /** The file does not exist for this process or kernel (or the capture did not include it). */
        MISSING,
        /** The text did not have the documented shape ({@link ProcParseException}). */
        MALFORMED,
        /** Any other read error. */
        IO_ERROR
    }

    /** Classifies an I/O failure; {@code pidGone} says whether the pid directory itself has gone. */
    public static Gap of(String source, IOException e, boolean pidGone) {
        Reason r;
        if (e instanceof AccessDeniedException) r = Reason.PERMISSION_DENIED;
        else if (e instanceof NoSuchFileException) r = pidGone ? Reason.VANISHED : Reason.MISSING;
        else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String why = fse.getReason();
            if (why.contains("No such process")) r = Reason.VANISHED;
            else if (why.contains("Permission denied") || why.contains("Operation not permitted")) r = Reason.PERMISSION_DENIED;
            else r = Reason.IO_ERROR;
        } else if (e.getMessage() != null && e.getMessage().contains("No such process")) r = Reason.VANISHED;
        else if (e.getMessage() != null && (e.getMessage().contains("Permission denied") || e.getMessage().contains("Operation not permitted"))) r = Reason.PERMISSION_DENIED;
        else r = Reason.IO_ERROR;
        return new Gap(source, r);
    }

    @Override
    public String toString() {
        return source + ": " + reason.name().toLowerCase().replace('_', ' ');
    }
}
