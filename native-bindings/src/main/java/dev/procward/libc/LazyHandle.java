package dev.procward.libc;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * A libc function linked on its first call. For families where a caller typically uses a few
 * members only (posix_spawn's attribute and file-action setters), so that unused members cost no
 * link time. Hot calls use a static holder class instead, whose constant handle the JIT inlines.
 */
final class LazyHandle {

    private final String symbol;
    private final FunctionDescriptor descriptor;
    private final Linker.Option[] options;
    private volatile MethodHandle handle;

    LazyHandle(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        this.symbol = symbol;
        this.descriptor = descriptor;
        this.options = options;
    }

    MethodHandle get() {
        MethodHandle h = handle;
        if (h == null) {
            synchronized (this) {
                h = handle;
                if (h == null) handle = h = Native.downcall(symbol, descriptor, options);
            }
        }
        return h;
    }

    String symbol() {
        return symbol;
    }
}
