package dev.procward.probes;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a /proc file whole into one reused buffer. /proc files report size 0, so the buffer grows
 * until a read returns end-of-file. Not thread-safe: one reader per thread.
 */
public final class ProcFileReader {
    private byte[] buf;
    private int length;

    public ProcFileReader() {
        this(8192);
    }

    public ProcFileReader(int initialCapacity) {
        buf = new byte[Math.max(256, initialCapacity)];
    }

    /** Reads the file and returns its length; the bytes are in {@link #buffer()} until the next read. */
    public int read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readAll(in, false);
        }
    }

    /**
     * {@link #read} for a /proc file the kernel renders as one record ({@code stat}, {@code
     * status}…) on the default file system, named by its path string: a short read is its end,
     * as procps's file2str has it, and no {@link Path} is built. For listings that read thousands.
     */
    int readRecord(String file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            return readAll(in, true);
        }
    }

    private int readAll(InputStream in, boolean shortReadEnds) throws IOException {
        int n = 0;
        while (true) {
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            int want = buf.length - n;
            int r = in.read(buf, n, want);
            if (r < 0) break;
            n += r;
            if (shortReadEnds && r < want) break;
        }
        length = n;
        return n;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public String readString(Path file) throws IOException {
        int n = read(file);
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    private static InputStream open(Path file) throws IOException {
        if (file.getFileSystem() == FileSystems.getDefault()) {
            try {
                return new FileInputStream(file.toString());
            } catch (java.io.FileNotFoundException e) {
                // FileInputStream folds every open failure into this; recover the NIO kind.
                return Files.newInputStream(file);
            }
        }
        return Files.newInputStream(file);
    }
}
