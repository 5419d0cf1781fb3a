package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Reads small files whole with {@code openat}, {@code read} and {@code close}, without exceptions:
 * for sweeps over thousands of /proc files where a vanished file is normal and the JDK's stream
 * objects, cleaners and exceptions would cost as much as the kernel's work. Confined to the thread
 * that creates it.
 */
public final class SmallFileReader implements AutoCloseable {

    private static final int AT_FDCWD = -100;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;

    private static final class Handle {
        /** {@code int openat(int dirfd, const char *path, int flags, ...)}: variadic after flags. */
        static final MethodHandle OPENAT = Native.downcall("openat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(3));
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment path = arena.allocate(4096);
    private final MemorySegment buffer;
    private final CallState cs = CallState.current();

    /** @param capacity the largest file size read; longer files are cut there */
    public SmallFileReader(int capacity) {
        buffer = arena.allocate(capacity);
    }

    /**
     * Reads the file at an absolute path (ASCII) into the buffer.
     *
     * @return the number of bytes read, or minus the errno (-ENOENT, -ESRCH, -EACCES…)
     */
    public int read(CharSequence file) {
        int len = file.length();
        if (len >= path.byteSize()) return -Errno.ENAMETOOLONG.number();
        for (int i = 0; i < len; i++) path.set(JAVA_BYTE, i, (byte) file.charAt(i));
        path.set(JAVA_BYTE, len, (byte) 0);
        int fd;
        try {
            fd = (int) Handle.OPENAT.invokeExact(cs.capture, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (fd < 0) return -cs.errno();
        long n = 0;
        int err = 0;
        while (n < buffer.byteSize()) {
            long r = Syscall.raw(cs, Sys.READ, fd, buffer.address() + n, buffer.byteSize() - n, 0, 0, 0);
            if (r < 0) {
                err = cs.errno();
                break;
            }
            if (r == 0) break;
            n += r;
        }
        Syscall.raw(cs, Sys.CLOSE, fd, 0, 0, 0, 0, 0);
        return err != 0 ? -err : (int) n;
    }

    /** Copies the first {@code n} bytes read into {@code into}. */
    public void copyTo(byte[] into, int n) {
        MemorySegment.copy(buffer, JAVA_BYTE, 0, into, 0, n);
    }

    @Override
    public void close() {
        arena.close();
    }
}
