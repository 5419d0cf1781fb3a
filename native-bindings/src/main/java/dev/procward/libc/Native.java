package dev.procward.libc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native linker, the libc lookup and the one way this module makes a downcall handle.
 *
 * <p>Nothing is linked when this class loads: the linker and the lookup sit in a holder that is
 * initialised by the first {@link #downcall}, and each feature class keeps its handles in its own
 * holder, so a process links only the functions it actually calls (DESIGN.md: the linker costs
 * about 45 ms, the first handle 60–100 ms, each further <em>shape</em> about 15 ms).
 *
 * <p>Every handle captures errno, even for calls that report errors by return value
 * ({@code posix_spawn*}): one option set for all handles means that functions with the same
 * descriptor share one shape.
 */
final class Native {

    private Native() {}

    private static final AtomicInteger HANDLES = new AtomicInteger();
    private static final Set<String> SHAPES = ConcurrentHashMap.newKeySet();
    private static final Set<String> SYMBOLS = ConcurrentHashMap.newKeySet();

    /** Initialised on first use only. */
    private static final class Linked {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    }

    /** Creates the linker and the libc lookup now (for the link-cost report). */
    static void initLinker() {
        if (Linked.LIBC == null) throw new IllegalStateException("no libc lookup");
    }

    /**
     * Links libc's {@code symbol}. The handle's first parameter is the errno capture segment
     * ({@link CallState#capture}), followed by the parameters of {@code descriptor}.
     */
    static MethodHandle downcall(String symbol, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linked.CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MethodHandle handle = Linked.LINKER.downcallHandle(symbol(symbol), descriptor, options);
        HANDLES.incrementAndGet();
        SYMBOLS.add(symbol);
        SHAPES.add(descriptor + (extra.length == 0 ? "" : Arrays.toString(extra)));
        return handle;
    }

    /** The address of libc's {@code symbol}; fails with {@link UnsatisfiedLinkError} when absent. */
    static MemorySegment symbol(String symbol) {
        return Linked.LIBC.find(symbol).orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + symbol));
    }

    /** What has been linked so far in this JVM: for the link-cost report. */
    static LinkStats stats() {
        return new LinkStats(HANDLES.get(), List.copyOf(new TreeSet<>(SYMBOLS)), List.copyOf(new TreeSet<>(SHAPES)));
    }

    /** Rethrows what a downcall handle threw; only linkage bugs reach the generic branch. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("downcall failed", t);
    }
}
