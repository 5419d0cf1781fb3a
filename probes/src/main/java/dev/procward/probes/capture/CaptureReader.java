package dev.procward.probes.capture;

import dev.procward.probes.ProcParseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Opens a capture archive as a /proc root: unpacks it into a directory and recreates its symbolic
 * links, so every parser reads it exactly as it reads the live /proc. A capture is untrusted input:
 * entries must stay inside the directory, and links exist only where procfs has them (see
 * {@link CaptureLinks}); anything else refuses the whole capture with {@link IllegalArgumentException}.
 */
public final class CaptureReader {
    /** Refuse archives that unpack to more than this (a corrupt or hostile file). */
    static final long MAX_UNPACKED_BYTES = 8L << 30;

    private CaptureReader() {}

    /**
     * Unpacks into {@code into} (created if needed) and returns the root to read.
     *
     * @throws IllegalArgumentException with a one-line reason when the file is no well-formed capture
     */
    public static Path open(Path archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path base = into.toAbsolutePath().normalize();
        try {
            unpack(archive, base, MAX_UNPACKED_BYTES);
            CaptureMeta.parse(readAtMost(base.resolve(CaptureLayout.PROPERTIES), 1 << 20));
            Path list = base.resolve(CaptureLayout.SYMLINKS);
            if (Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) {
                for (CaptureLinks.Link l : CaptureLinks.parse(readAtMost(list, 256 << 20))) link(base, l);
            }
        } catch (ProcParseException | InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (ZipException e) {
            throw new IllegalArgumentException("not a zip archive: " + e.getMessage());
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("two entries at " + base.relativize(Path.of(e.getFile())));
        }
        return base;
    }

    private static void unpack(Path archive, Path base, long maxBytes) throws IOException {
        long total = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.getEntry(CaptureLayout.PROPERTIES) == null) {
                throw new IllegalArgumentException("no " + CaptureLayout.PROPERTIES);
            }
            // Every name is checked before anything is written: a refused capture leaves nothing behind.
            for (var it = zip.entries(); it.hasMoreElements(); ) CaptureLinks.checkEntryName(it.nextElement().getName());
            for (var it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                if (e.isDirectory()) continue;
                Path target = inside(base, e.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    total += copyAtMost(in, out, maxBytes - total);
                }
            }
        }
    }

    /** Copies, refusing once more than {@code limit} bytes came: the entry's stated size may lie. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
            n += r;
            if (n > limit) throw new IllegalArgumentException("unpacks to more than " + (MAX_UNPACKED_BYTES >> 30) + " GiB");
            out.write(buf, 0, r);
        }
        return n;
    }

    private static byte[] readAtMost(Path file, long limit) throws IOException {
        if (Files.size(file) > limit) {
            throw new IllegalArgumentException(file.getFileName() + " is larger than " + (limit >> 20) + " MiB");
        }
        return Files.readAllBytes(file);
    }

    private static void link(Path base, CaptureLinks.Link l) throws IOException {
        Path link = inside(base, l.path());
        Files.createDirectories(link.getParent());
        // The parent was made by us or by a file entry, never a link: link paths are procfs leaves,
        // and pid, task and fd directories cannot themselves be links.
        if (!link.getParent().toRealPath().startsWith(base.toRealPath())) {
            throw new IllegalArgumentException("link escapes the capture: " + l.path());
        }
        Files.createSymbolicLink(link, Path.of(l.target()));
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
