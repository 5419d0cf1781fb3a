package dev.procward.probes.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a capture archive as a /proc root: unpacks it into a directory and recreates its symbolic
 * links, so every parser reads it exactly as it reads the live /proc.
 */
public final class CaptureReader {
    /** Refuse archives that unpack to more than this (a corrupt or hostile file). */
    static final long MAX_UNPACKED_BYTES = 8L << 30;

    private CaptureReader() {}

    /** Unpacks into {@code into} (created if needed) and returns the root to read. */
    public static Path open(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path base = into.toAbsolutePath().normalize();
        long total = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.getEntry(CaptureLayout.PROPERTIES) == null) {
                throw new IllegalArgumentException("no " + CaptureLayout.PROPERTIES);
            }
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                if (e.isDirectory()) continue;
                Path target = inside(base, e.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    total += Files.copy(in, target);
                }
                if (total > MAX_UNPACKED_BYTES) throw new IllegalArgumentException("unpacks to more than 8 GiB");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException("not a zip archive: " + e.getMessage());
        }
        Path links = base.resolve(CaptureLayout.SYMLINKS);
        if (Files.isRegularFile(links)) {
            String[] parts = new String(Files.readAllBytes(links), StandardCharsets.UTF_8).split("\0", -1);
            for (int i = 0; i + 1 < parts.length; i += 2) {
                Path link = inside(base, parts[i]);
                Files.createDirectories(link.getParent());
                try {
                    Files.createSymbolicLink(link, Path.of(parts[i + 1]));
                } catch (FileAlreadyExistsException | java.nio.file.InvalidPathException e) {
                    // duplicate or unrepresentable target: the link reads as missing
                }
            }
        }
        return base;
    }

    /** Unpacks into a private temporary directory that is deleted when the JVM exits. */
    public static Path openDeletingOnExit(Path archive) throws IOException {
        Path dir = Files.createTempDirectory("procward-capture-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        return open(archive, dir);
    }

    /** Removes an unpacked capture. */
    public static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // already gone
        }
    }

    private static Path inside(Path base, String name) {
        Path p = base.resolve(name).normalize();
        if (!p.startsWith(base) || p.equals(base)) throw new IllegalArgumentException("entry escapes the capture: " + name);
        return p;
    }
}
