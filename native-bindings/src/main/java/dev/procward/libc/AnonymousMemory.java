package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Private anonymous memory from {@code mmap}, with {@code madvise(MADV_HUGEPAGE)} and
 * {@code munmap}: memory that is not touched until the caller writes it, so that it can be marked
 * for transparent huge pages first. (An {@link java.lang.foreign.Arena} zeroes what it allocates,
 * which faults every page in as a small page before any advice could be given.)
 *
 * <p>Added by the spawn laboratory, whose parents must be of a chosen size, optionally on THP.
 */
public final class AnonymousMemory implements AutoCloseable {

    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20; // the same on x86_64 and aarch64
    private static final int MADV_HUGEPAGE = 14;
    private static final long MAP_FAILED = -1L;
    /** A huge page on x86_64 and on aarch64 with 4 KiB pages: mappings start on this boundary. */
    public static final long HUGE_PAGE_BYTES = 2L << 20;

    private static final class Handles {
        static final MethodHandle MMAP = Native.downcall("mmap",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        static final MethodHandle MUNMAP = Native.downcall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle MADVISE = Native.downcall("madvise", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    private final MemorySegment mapping;
    private final MemorySegment usable;
    private boolean closed;

    private AnonymousMemory(MemorySegment mapping, MemorySegment usable) {
        this.mapping = mapping;
        this.usable = usable;
    }

    /**
     * Maps {@code bytes} of readable, writable, untouched memory starting on a
     * {@link #HUGE_PAGE_BYTES} boundary (the slack mapped for alignment is never touched).
     */
    public static AnonymousMemory map(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("bytes must be positive: " + bytes);
        long length = bytes + HUGE_PAGE_BYTES;
        CallState cs = CallState.current();
        MemorySegment raw;
        try {
            raw = (MemorySegment) Handles.MMAP.invokeExact(cs.capture, MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (raw.address() == MAP_FAILED) throw cs.failure("mmap", length + " bytes");
        MemorySegment mapping = raw.reinterpret(length);
        long start = (raw.address() + HUGE_PAGE_BYTES - 1) & -HUGE_PAGE_BYTES;
        return new AnonymousMemory(mapping, mapping.asSlice(start - raw.address(), bytes));
    }

    /** {@code madvise(MADV_HUGEPAGE)}: back this memory with transparent huge pages where possible. */
    public void adviseHugePages() {
        CallState cs = CallState.current();
        int r;
        try {
            r = (int) Handles.MADVISE.invokeExact(cs.capture, usable, usable.byteSize(), MADV_HUGEPAGE);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (r == -1) throw cs.failure("madvise", "MADV_HUGEPAGE, " + usable.byteSize() + " bytes");
    }

    /** The usable, aligned memory; valid until {@link #close()}. */
    public MemorySegment segment() {
        if (closed) throw new IllegalStateException("unmapped");
        return usable;
    }

    /** {@code munmap}: gives the memory back. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        CallState cs = CallState.current();
        int r;
        try {
            r = (int) Handles.MUNMAP.invokeExact(cs.capture, mapping, mapping.byteSize());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (r == -1) throw cs.failure("munmap", mapping.byteSize() + " bytes");
    }
}
