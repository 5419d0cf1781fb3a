package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * {@code gnu_get_libc_version()}: the glibc this process runs on, e.g. {@code 2.36}. Added by the
 * spawn laboratory, which reports it beside its figures.
 */
public final class GlibcVersion {

    private GlibcVersion() {}

    /** The version string, or empty when libc is not glibc (musl has no such function). */
    public static java.util.Optional<String> current() {
        try {
            var handle = Native.downcall("gnu_get_libc_version", FunctionDescriptor.of(ADDRESS));
            MemorySegment s = (MemorySegment) handle.invokeExact(CallState.current().capture);
            return java.util.Optional.of(s.reinterpret(64).getString(0));
        } catch (UnsatisfiedLinkError e) {
            return java.util.Optional.empty();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
