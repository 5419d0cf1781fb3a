package dev.procward.probes.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads small kernel files whole, turning the races of /proc into {@link Readout.Gap}s. */
public final class ProcFiles {
    private ProcFiles() {}

    public static Readout<String> readString(Path file) {
        try {
            return Readout.of(readWhole(file));
        } catch (NoSuchFileException e) {
            return Readout.gap(Readout.GapReason.VANISHED);
        } catch (AccessDeniedException e) {
            return Readout.gap(Readout.GapReason.DENIED);
        } catch (IOException e) {
            return Readout.gap(classify(e));
        }
    }

    /**
     * Reads with large reads from offset 0: sysctl files answer only the first read (a read at a
     * non-zero offset is EOF), so the JDK's size-then-read loops see one byte of them.
     */
    private static String readWhole(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = BUFFER.get();
            buf.clear();
            while (ch.read(buf) > 0) {
                if (!buf.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                    BUFFER.set(buf);
                }
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    public static Readout<String> readLink(Path link) {
        try {
            return Readout.of(Files.readSymbolicLink(link).toString());
        } catch (NoSuchFileException e) {
            return Readout.gap(Readout.GapReason.VANISHED);
        } catch (AccessDeniedException e) {
            return Readout.gap(Readout.GapReason.DENIED);
        } catch (IOException e) {
            return Readout.gap(classify(e));
        }
    }

    /** ESRCH ("No such process") is how a pid directory that just died answers a read. */
    static Readout.GapReason classify(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No such process") || m.contains("No such file")) return Readout.GapReason.VANISHED;
        if (m.contains("Permission denied") || m.contains("Operation not permitted")) return Readout.GapReason.DENIED;
        return Readout.GapReason.UNREADABLE;
    }
}
