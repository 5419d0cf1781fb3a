package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.MemorySegment;

/** glibc's {@code char **environ}: lets children inherit our environment without copying it. */
final class Environ {

    private Environ() {}

    private static final class Symbol {
        static final MemorySegment ENVIRON = Native.symbol("environ").reinterpret(ADDRESS.byteSize());
    }

    /** The current value of {@code environ} (re-read each time: setenv may move it). */
    static MemorySegment current() {
        return Symbol.ENVIRON.get(ADDRESS, 0);
    }
}
