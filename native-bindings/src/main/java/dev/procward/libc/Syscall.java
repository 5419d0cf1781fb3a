package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

/**
 * glibc's {@code long syscall(long number, ...)}, always called with six arguments.
 *
 * <p>One variadic shape serves every raw syscall in this module: unused arguments are zero and the
 * kernel ignores them. glibc's wrapper turns a negative kernel return into -1 and sets errno, which
 * the linker captures.
 */
final class Syscall {

    private Syscall() {}

    private static final class Handle {
        static final MethodHandle SYSCALL = Native.downcall("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    /** The raw result (-1 on failure, errno then in {@code cs}). */
    static long raw(CallState cs, Sys sys, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Handle.SYSCALL.invokeExact(cs.capture, sys.number(), a, b, c, d, e, f);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The result, or an {@link ErrnoException} naming {@code sys} and the described arguments. */
    static long call(Sys sys, Supplier<?> describe, long a, long b, long c, long d, long e, long f) {
        CallState cs = CallState.current();
        long r = raw(cs, sys, a, b, c, d, e, f);
        if (r == -1) throw cs.failure(sys.kernelName(), describe.get());
        return r;
    }

    static long call(Sys sys, Supplier<?> describe) {
        return call(sys, describe, 0, 0, 0, 0, 0, 0);
    }

    static long call(Sys sys, Supplier<?> describe, long a) {
        return call(sys, describe, a, 0, 0, 0, 0, 0);
    }

    static long call(Sys sys, Supplier<?> describe, long a, long b) {
        return call(sys, describe, a, b, 0, 0, 0, 0);
    }

    static long call(Sys sys, Supplier<?> describe, long a, long b, long c) {
        return call(sys, describe, a, b, c, 0, 0, 0);
    }

    static long call(Sys sys, Supplier<?> describe, long a, long b, long c, long d) {
        return call(sys, describe, a, b, c, d, 0, 0);
    }
}
