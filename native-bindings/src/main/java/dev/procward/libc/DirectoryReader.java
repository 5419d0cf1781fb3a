package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads small files, directory listings and symbolic links relative to a directory descriptor,
 * without exceptions: {@code openat}/{@code read}/{@code close}, {@code getdents64} and
 * {@code readlinkat}. Made for sweeps over thousands of /proc entries, where the JDK's Path
 * objects, streams, cleaners and exceptions for vanished processes would cost more than the
 * kernel's own work. Every failure is returned as minus the errno.
 *
 * <p>All calls go through {@code syscall()}, so this class links no handle shape of its own.
 * An instance owns its buffers and is confined to the thread that creates it; descriptors opened
 * with {@link #openDirectory} may be shared between threads.
 */
public final class DirectoryReader implements AutoCloseable {

    /** {@code AT_FDCWD}: a path relative to the working directory (or absolute). */
    public static final int AT_FDCWD = -100;

    private static final int O_RDONLY = 0;
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int PATH_BYTES = 4096;
    private static final int DIRENT_BYTES = 32 * 1024;

    private final Arena arena = Arena.ofConfined();
    private final CallState cs = CallState.current();
    private final MemorySegment path = arena.allocate(PATH_BYTES);
    private MemorySegment buffer;
    private MemorySegment dirents;
    private byte[] bytes;
    private int length;

    /** @param initialCapacity the first buffer size; it grows to fit longer files */
    public DirectoryReader(int initialCapacity) {
        int capacity = Math.max(256, initialCapacity);
        buffer = arena.allocate(capacity);
        bytes = new byte[capacity];
    }

    /**
     * Opens a directory for reading relative to it ({@code O_RDONLY|O_DIRECTORY|O_CLOEXEC}).
     *
     * @return the descriptor, or minus the errno
     */
    public int openDirectory(int dirfd, CharSequence name) {
        if (!setPath(name)) return -Errno.ENAMETOOLONG.number();
        long fd = Syscall.raw(cs, Sys.OPENAT, dirfd, path.address(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0, 0);
        return fd < 0 ? -cs.errno() : (int) fd;
    }

    /** Closes a descriptor from {@link #openDirectory}; errors are ignored (the descriptor is gone either way). */
    public void close(int fd) {
        if (fd >= 0) Syscall.raw(cs, Sys.CLOSE, fd, 0, 0, 0, 0, 0);
    }

    /**
     * Reads the file {@code name} under {@code dirfd} whole. The bytes are in {@link #bytes()} up
     * to the returned length, until the next read.
     *
     * @return the length, or minus the errno (-ENOENT, -ESRCH, -EACCES…)
     */
    public int read(int dirfd, CharSequence name) {
        return read(dirfd, name, false);
    }

    /**
     * {@link #read} for a /proc file the kernel renders as one record ({@code stat}, {@code
     * status}, {@code statm}, {@code smaps_rollup}…): a short read is its end, as procps's
     * file2str has it, which saves the read that would return 0. Not for files of many records
     * ({@code maps}, {@code mountinfo}): the kernel may end a read early between two records.
     */
    public int readRecord(int dirfd, CharSequence name) {
        return read(dirfd, name, true);
    }

    private int read(int dirfd, CharSequence name, boolean shortReadEnds) {
        if (!setPath(name)) return -Errno.ENAMETOOLONG.number();
        long fd = Syscall.raw(cs, Sys.OPENAT, dirfd, path.address(), O_RDONLY | O_CLOEXEC, 0, 0, 0);
        if (fd < 0) return -cs.errno();
        try {
            return readAll((int) fd, shortReadEnds, false);
        } finally {
            Syscall.raw(cs, Sys.CLOSE, fd, 0, 0, 0, 0, 0);
        }
    }

    /**
     * Reads an open file whole again from offset 0 ({@code pread}): a /proc file renders afresh on
     * every read, so a sampler can keep the descriptor instead of opening it each time.
     *
     * @return the length, or minus the errno (-ESRCH once the task has gone)
     */
    public int reread(int fd) {
        return readAll(fd, true, true);
    }

    /**
     * Opens the file {@code name} under {@code dirfd} for {@link #reread}.
     *
     * @return the descriptor, or minus the errno
     */
    public int openFile(int dirfd, CharSequence name) {
        if (!setPath(name)) return -Errno.ENAMETOOLONG.number();
        long fd = Syscall.raw(cs, Sys.OPENAT, dirfd, path.address(), O_RDONLY | O_CLOEXEC, 0, 0, 0);
        return fd < 0 ? -cs.errno() : (int) fd;
    }

    private int readAll(int fd, boolean shortReadEnds, boolean fromStart) {
        long n = 0;
        while (true) {
            if (n == buffer.byteSize()) grow();
            long want = buffer.byteSize() - n;
            long r = fromStart
                    ? Syscall.raw(cs, Sys.PREAD64, fd, buffer.address() + n, want, n, 0, 0)
                    : Syscall.raw(cs, Sys.READ, fd, buffer.address() + n, want, 0, 0, 0);
            if (r < 0) return -cs.errno();
            if (r == 0) break;
            n += r;
            if (shortReadEnds && r < want) break;
        }
        return copyOut((int) n);
    }

    private int copyOut(int n) {
        if (bytes.length < n) bytes = new byte[(int) buffer.byteSize()];
        MemorySegment.copy(buffer, JAVA_BYTE, 0, bytes, 0, n);
        length = n;
        return n;
    }

    /** The old buffer stays in the arena until close: growth is rare (cmdline, smaps) and bounded. */
    private void grow() {
        MemorySegment bigger = arena.allocate(buffer.byteSize() * 2);
        MemorySegment.copy(buffer, 0, bigger, 0, buffer.byteSize());
        buffer = bigger;
    }

    /** The bytes of the last read; valid up to {@link #length()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** The text of the last read (UTF-8). */
    public String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * The entries of the directory {@code name} under {@code dirfd} whose names are positive
     * decimal numbers (pids, tids, fds), in the kernel's order.
     *
     * @return the numbers, or null when the directory cannot be opened (errno in {@link #lastErrno()})
     */
    public int[] numericEntries(int dirfd, CharSequence name) {
        int fd = openDirectory(dirfd, name);
        if (fd < 0) {
            lastErrno = -fd;
            return null;
        }
        try {
            return numericEntries(fd);
        } finally {
            close(fd);
        }
    }

    private int lastErrno;

    /** The errno of the last call that returned null. */
    public int lastErrno() {
        return lastErrno;
    }

    /**
     * The numeric entries of an open directory, from its start ({@code lseek} to 0 first, so a
     * descriptor can be listed again).
     */
    public int[] numericEntries(int dirFd) {
        if (dirents == null) dirents = arena.allocate(DIRENT_BYTES, 8);
        Syscall.raw(cs, Sys.LSEEK, dirFd, 0, 0, 0, 0, 0);
        IntList out = new IntList();
        while (true) {
            long n = Syscall.raw(cs, Sys.GETDENTS64, dirFd, dirents.address(), DIRENT_BYTES, 0, 0, 0);
            if (n <= 0) break; // end, or the directory vanished mid-listing: what was read stands
            numericNames(dirents, n, out);
        }
        return out.toArray();
    }

    /** A growing list of ints. */
    static final class IntList {
        private int[] values = new int[64];
        private int count;

        void add(int value) {
            if (count == values.length) values = Arrays.copyOf(values, count * 2);
            values[count++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, count);
        }
    }

    /** Bytes of a linux_dirent64 before its name: {@code u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type}. */
    private static final int DIRENT_HEADER = 19;

    /**
     * Adds the positive decimal names among the {@code linux_dirent64} records in {@code
     * records[0, length)} to {@code out}, in order. Pure: a fuzz target. The kernel's records are
     * well formed, but a record whose length would not hold its header and a name's NUL, or that
     * runs past the bytes read, ends the decoding rather than looping on it or reading beyond it.
     */
    static void numericNames(MemorySegment records, long length, IntList out) {
        long end = Math.min(length, records.byteSize());
        for (long off = 0; off + DIRENT_HEADER < end; ) {
            int reclen = Short.toUnsignedInt(records.get(JAVA_SHORT_UNALIGNED, off + 16));
            if (reclen <= DIRENT_HEADER || reclen > end - off) return;
            int value = number(records, off + DIRENT_HEADER, off + reclen);
            if (value > 0) out.add(value);
            off += reclen;
        }
    }

    /**
     * A NUL-terminated decimal name in {@code s[at, end)} as a number; -1 when it is not one
     * (".", "self", "net"…, or no NUL before the record ends).
     */
    private static int number(MemorySegment s, long at, long end) {
        int v = 0;
        int digits = 0;
        for (long i = at; i < end; i++) {
            byte b = s.get(JAVA_BYTE, i);
            if (b == 0) return digits == 0 ? -1 : v;
            if (b < '0' || b > '9' || ++digits > 9) return -1;
            v = v * 10 + (b - '0');
        }
        return -1;
    }

    /**
     * The target of the symbolic link {@code name} under {@code dirfd} ({@code readlinkat}).
     *
     * @return the target, or null (errno in {@link #lastErrno()})
     */
    public String readLink(int dirfd, CharSequence name) {
        if (!setPath(name)) {
            lastErrno = Errno.ENAMETOOLONG.number();
            return null;
        }
        long n;
        while ((n = Syscall.raw(cs, Sys.READLINKAT, dirfd, path.address(), buffer.address(), buffer.byteSize(), 0, 0))
                == buffer.byteSize()) {
            grow(); // readlink truncates silently: a full buffer may be a cut target
        }
        if (n < 0) {
            lastErrno = cs.errno();
            return null;
        }
        byte[] b = new byte[(int) n];
        MemorySegment.copy(buffer, JAVA_BYTE, 0, b, 0, (int) n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Puts a NUL-terminated path (ASCII; /proc names are) into the path buffer. */
    private boolean setPath(CharSequence name) {
        int len = name.length();
        if (len >= PATH_BYTES) return false;
        for (int i = 0; i < len; i++) path.set(JAVA_BYTE, i, (byte) name.charAt(i));
        path.set(JAVA_BYTE, len, (byte) 0);
        return true;
    }

    @Override
    public void close() {
        arena.close();
    }
}
