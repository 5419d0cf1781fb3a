package dev.procward.probes;

import dev.procward.libc.DirectoryReader;
import dev.procward.libc.Errno;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's way to the files under a /proc root: paths are relative to the root
 * ({@code "123"}, {@code "123/task/456"}). A failed read returns -1 and leaves the reason in
 * {@link #failure()}; nothing here throws for a vanished or unreadable process.
 *
 * <p>{@link Native} reads a real directory on the default file system with
 * {@code openat}/{@code read}/{@code close} relative to one descriptor of the root and lists
 * directories with {@code getdents64}; {@link Nio} reads any other root (Jimfs, a capture archive)
 * through java.nio. Both hand the same bytes to the same parsers, so their snapshots are equal.
 */
abstract sealed class TaskReader implements AutoCloseable {

    /** Why the last read failed, and whether the task's directory itself has gone. */
    record Failure(Gap.Reason reason, boolean dirGone) {}

    private Failure failure;

    /** Reads {@code dir/file} whole: its length (bytes in {@link #bytes()}), or -1. */
    abstract int read(String dir, String file);

    abstract byte[] bytes();

    /** The target of the link {@code dir/name}, or null. */
    abstract String readLink(String dir, String name);

    /** Whether {@code dir} exists as a directory. */
    abstract boolean isDirectory(String dir);

    /** The positive numeric entries of {@code dir}, ascending; empty when it cannot be listed. */
    abstract int[] numericEntries(String dir);

    Failure failure() {
        return failure;
    }

    /** Records a failure; a missing file in a directory that has itself gone means the task vanished. */
    final int fail(Gap.Reason reason, String dir) {
        boolean gone = !isDirectory(dir);
        return fail(reason == Gap.Reason.MISSING && gone ? Gap.Reason.VANISHED : reason, gone);
    }

    final int fail(Gap.Reason reason, boolean dirGone) {
        failure = new Failure(reason, dirGone);
        return -1;
    }

    @Override
    public void close() {}

    /**
     * Opens the root for a small read (one process, its threads, the pid list): the native path
     * only when this JVM has linked native calls already, as a one-process read saves less than
     * the link costs (tree reading a few multi-threaded processes paid ~40 ms for it). Bulk reads
     * decide with {@link NativeSupport#worthLinking} instead.
     */
    static Root open(Path root) {
        return open(root, NativeSupport.linkedAlready());
    }

    /** As {@link #open(Path)}; {@code allowNative} false forces java.nio (to compare the two). */
    static Root open(Path root, boolean allowNative) {
        if (allowNative && root.getFileSystem() == FileSystems.getDefault() && NativeSupport.available()) {
            try (var probe = new DirectoryReader(256)) {
                int fd = probe.openDirectory(DirectoryReader.AT_FDCWD, root.toString());
                if (fd >= 0) return new Root(root, fd);
            }
        }
        return new Root(root, -1);
    }

    /** A root opened for one snapshot; hands each worker thread its own reader. */
    static final class Root implements AutoCloseable {
        final Path path;
        private final int fd;

        private Root(Path path, int fd) {
            this.path = path;
            this.fd = fd;
        }

        boolean nativeReads() {
            return fd >= 0;
        }

        /** A reader for the calling thread; close it on the same thread. */
        TaskReader reader(int initialCapacity) {
            return fd >= 0 ? new Native(fd, initialCapacity) : new Nio(path, initialCapacity);
        }

        @Override
        public void close() {
            if (fd >= 0) {
                try (var r = new DirectoryReader(256)) {
                    r.close(fd);
                }
            }
        }
    }

    /** Whether this JVM may make native calls (checked once), and whether it is worth it now. */
    static final class NativeSupport {
        private static volatile Boolean available;
        private static final java.util.concurrent.atomic.AtomicInteger OPENS = new java.util.concurrent.atomic.AtomicInteger();
        /** {@code -Dprocward.procReads=native|nio} overrides the choice (for benchmarks). */
        private static final Boolean FORCED = switch (System.getProperty("procward.procReads", "auto")) {
            case "native" -> Boolean.TRUE;
            case "nio" -> Boolean.FALSE;
            default -> null; // auto
        };

        /**
         * Linking the native calls costs a cold JVM about 170 ms of CPU (measured on the 2-vCPU VM
         * with C1: a first take of 100 processes cost 240 ms of CPU natively against 60 ms through
         * java.nio), while a cold take of 10k processes' stat costs the same either way (the
         * kernel's rendering dominates; the JIT has not yet compiled the native path). So a
         * one-shot command's first take reads through java.nio, and native reads start with the
         * second take of a JVM (the exporter's scrapes, samplers, benchmarks) or at once in a JVM that
         * has linked native calls anyway.
         */
        static boolean worthLinking() {
            return FORCED != null ? FORCED : OPENS.getAndIncrement() > 0 || linked();
        }

        /** Whether native calls are linked in this JVM already (or asked for), so a few more cost nothing. */
        static boolean linkedAlready() {
            return FORCED != null ? FORCED : linked();
        }

        private static boolean linked() {
            return dev.procward.libc.LinkStats.current().handles() > 0;
        }

        static boolean available() {
            Boolean a = available;
            if (a == null) {
                try (var r = new DirectoryReader(256)) {
                    r.close(r.openDirectory(DirectoryReader.AT_FDCWD, "/"));
                    a = true;
                } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
                    a = false; // no native access: java.nio does the same, slower
                }
                available = a;
            }
            return a;
        }
    }

    /** openat/read/close relative to the root's descriptor. */
    static final class Native extends TaskReader {
        private final int rootFd;
        private final DirectoryReader reader;
        private final StringBuilder path = new StringBuilder(48);

        Native(int rootFd, int initialCapacity) {
            this.rootFd = rootFd;
            this.reader = new DirectoryReader(initialCapacity);
        }

        private StringBuilder path(String dir, String name) {
            path.setLength(0);
            return path.append(dir).append('/').append(name);
        }

        @Override
        int read(String dir, String file) {
            int n = oneRecord(file) ? reader.readRecord(rootFd, path(dir, file)) : reader.read(rootFd, path(dir, file));
            return n >= 0 ? n : fail(reasonOf(-n), dir);
        }

        /** Files the kernel renders as one seq_file record, so a short read is their end. */
        static boolean oneRecord(String file) {
            return switch (file) {
                case "stat", "status", "statm", "smaps_rollup", "wchan", "io" -> true;
                default -> false;
            };
        }

        @Override
        byte[] bytes() {
            return reader.bytes();
        }

        @Override
        String readLink(String dir, String name) {
            String target = reader.readLink(rootFd, path(dir, name));
            if (target == null) fail(reasonOf(reader.lastErrno()), dir);
            return target;
        }

        @Override
        boolean isDirectory(String dir) {
            int fd = reader.openDirectory(rootFd, dir);
            reader.close(fd);
            return fd >= 0;
        }

        @Override
        int[] numericEntries(String dir) {
            int[] entries = reader.numericEntries(rootFd, dir.isEmpty() ? "." : dir);
            if (entries == null) return new int[0];
            Arrays.sort(entries);
            return entries;
        }

        private static Gap.Reason reasonOf(int errno) {
            if (errno == Errno.ENOENT.number()) return Gap.Reason.MISSING;
            if (errno == Errno.ESRCH.number()) return Gap.Reason.VANISHED;
            if (errno == Errno.EACCES.number() || errno == Errno.EPERM.number()) return Gap.Reason.PERMISSION_DENIED;
            return Gap.Reason.IO_ERROR;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    /** java.nio, for any root: the default file system, Jimfs, a capture archive. */
    static final class Nio extends TaskReader {
        private final Path root;
        private final ProcFileReader reader;

        /** "ROOT/" on the default file system, where one-record files are opened by their path string. */
        private final String rootPrefix;

        Nio(Path root, int initialCapacity) {
            this.root = root;
            this.reader = new ProcFileReader(initialCapacity);
            this.rootPrefix = root.getFileSystem() == FileSystems.getDefault() ? root.toString() + "/" : null;
        }

        @Override
        int read(String dir, String file) {
            try {
                if (rootPrefix != null && Native.oneRecord(file)) return reader.readRecord(rootPrefix + dir + '/' + file);
            } catch (java.io.FileNotFoundException e) {
                // FileInputStream folds every open failure into this one: the Path read below tells which.
            } catch (IOException e) {
                return fail(e, dir, file);
            }
            try {
                return reader.read(root.resolve(dir).resolve(file));
            } catch (IOException e) {
                return fail(e, dir, file);
            }
        }

        @Override
        byte[] bytes() {
            return reader.buffer();
        }

        @Override
        String readLink(String dir, String name) {
            try {
                return Files.readSymbolicLink(root.resolve(dir).resolve(name)).toString();
            } catch (IOException e) {
                fail(e, dir, name);
                return null;
            } catch (UnsupportedOperationException e) {
                fail(Gap.Reason.MALFORMED, false); // a root whose file system has no links
                return null;
            }
        }

        private int fail(IOException e, String dir, String file) {
            boolean gone = !isDirectory(dir);
            return fail(Gap.of(file, e, gone).reason(), gone);
        }

        @Override
        boolean isDirectory(String dir) {
            return Files.isDirectory(root.resolve(dir));
        }

        @Override
        int[] numericEntries(String dir) {
            if (rootPrefix != null) {
                // File.list: names as strings from readdir, without a Path per entry (a 10k-process
                // /proc listed through DirectoryStream cost ~10% of `ps -p 1`, JFR).
                String[] names = new java.io.File(dir.isEmpty() ? root.toString() : rootPrefix + dir).list();
                return names == null ? new int[0] : numbers(Arrays.asList(names));
            }
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.isEmpty() ? root : root.resolve(dir))) {
                for (Path p : ds) names.add(p.getFileName().toString());
            } catch (IOException | java.nio.file.DirectoryIteratorException e) {
                // A vanished task/ directory or an unreadable root lists as empty.
            }
            return numbers(names);
        }

        /** The positive numeric names, ascending. */
        private static int[] numbers(List<String> names) {
            int[] out = new int[names.size()];
            int n = 0;
            for (String name : names) {
                int v = parseNumber(name);
                if (v > 0) out[n++] = v;
            }
            int[] result = Arrays.copyOf(out, n);
            Arrays.sort(result);
            return result;
        }

        private static int parseNumber(String name) {
            int n = name.length();
            if (n == 0 || n > 9) return -1;
            int v = 0;
            for (int i = 0; i < n; i++) {
                char c = name.charAt(i);
                if (c < '0' || c > '9') return -1;
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }
}
