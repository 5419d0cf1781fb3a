package dev.procward.probes.kernel;

import dev.procward.probes.Gap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel log, read from {@code /dev/kmsg} (one record per read, needs CAP_SYSLOG or
 * {@code kernel.dmesg_restrict=0}). A read past the newest record blocks, and Java cannot open a
 * file non-blocking, so a reader thread is stopped once the log has been idle for a short while.
 * {@link #readFile} reads a saved {@code dmesg} or kmsg text instead (used with captures).
 */
public final class KernelLog {
    private KernelLog() {}

    /** The records now in the ring buffer, or a gap when the log is not readable here. */
    public static Readout<List<String>> readKmsg(Path kmsg, Duration idle) {
        FileChannel ch;
        try {
            ch = FileChannel.open(kmsg, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Readout.gap(Gap.Reason.MISSING);
        } catch (AccessDeniedException e) {
            return Readout.gap(Gap.Reason.PERMISSION_DENIED);
        } catch (IOException | UnsupportedOperationException e) {
            return Readout.gap(Gap.Reason.IO_ERROR);
        }
        List<String> records = new ArrayList<>();
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        Thread reader = Thread.ofPlatform().daemon().name("procward-kmsg").start(() -> {
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            try {
                while (true) {
                    buf.clear();
                    int n;
                    try {
                        n = ch.read(buf);
                    } catch (IOException e) {
                        // EPIPE: the oldest records were overwritten while we read; keep going.
                        if (String.valueOf(e.getMessage()).contains("Broken pipe")) continue;
                        return;
                    }
                    if (n <= 0) return;
                    String rec = new String(buf.array(), 0, n, StandardCharsets.UTF_8);
                    synchronized (records) {
                        for (String line : rec.split("\n")) records.add(line);
                    }
                    lastProgress.set(System.nanoTime());
                }
            } catch (RuntimeException e) {
                // closed under us: the normal way this thread ends
            }
        });
        long idleNanos = idle.toNanos();
        long started = lastProgress.get();
        // On a loaded host the reader may not run at once: give the first record a longer grace.
        long firstRecordNanos = Math.max(idleNanos, 1_000_000_000L);
        try {
            while (reader.isAlive() && System.nanoTime() - lastProgress.get()
                    < (lastProgress.get() == started ? firstRecordNanos : idleNanos)) {
                reader.join(Duration.ofMillis(Math.max(1, idle.toMillis() / 4)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
        synchronized (records) {
            return Readout.of(List.copyOf(records));
        }
    }

    /** Reads {@code /dev/...} as kmsg and anything else as a saved log; a missing file is a gap. */
    public static Readout<List<String>> read(Path log, Duration idle) {
        if (log.startsWith("/dev")) return readKmsg(log, idle);
        return java.nio.file.Files.exists(log) ? readFile(log) : Readout.gap(Gap.Reason.MISSING);
    }

    /** A saved log: dmesg output or kmsg records, one per line. */
    public static Readout<List<String>> readFile(Path file) {
        return ProcFiles.readString(file).map(s -> List.of(s.split("\n")));
    }
}
