package dev.procward.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * Per-thread native memory for calls: the errno capture segment and a small scratch area.
 *
 * <p>errno must be captured by the linker (reading {@code __errno_location} afterwards races with
 * the JVM's own syscalls) into a segment that no other thread writes, hence one per thread. It is
 * reused rather than allocated per call: a {@link ThreadLocal} lookup costs nanoseconds, a confined
 * arena per call costs an allocation and a free (see docs/native-bindings.md for the measurement).
 *
 * <p>The scratch area serves hot fixed-size calls ({@code waitid}'s {@code siginfo_t}, a
 * {@code signalfd_siginfo} read, a sigset). A binding may use it only between entering and
 * leaving one public method and must not call another scratch user meanwhile.
 */
final class CallState {

    static final long SCRATCH_BYTES = 512;

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<CallState> CURRENT = ThreadLocal.withInitial(CallState::new);

    /** Receives errno from every downcall made on this thread. */
    final MemorySegment capture;
    /** {@link #SCRATCH_BYTES} bytes, 16-aligned, owned by this thread. */
    final MemorySegment scratch;

    private CallState() {
        // An automatic arena: the memory lives as long as the thread's CallState is reachable.
        Arena arena = Arena.ofAuto();
        this.capture = arena.allocate(CAPTURE_LAYOUT);
        this.scratch = arena.allocate(SCRATCH_BYTES, 16);
    }

    static CallState current() {
        return CURRENT.get();
    }

    /** errno as captured by the last downcall on this thread. */
    int errno() {
        return (int) ERRNO.get(capture, 0L);
    }

    /** The exception for the last call on this thread, described as {@code call(subject)}. */
    ErrnoException failure(String call, Object subject) {
        return new ErrnoException(call + "(" + subject + ")", errno());
    }

    /** Scratch, zeroed over its first {@code bytes}. */
    MemorySegment zeroedScratch(long bytes) {
        MemorySegment s = scratch.asSlice(0, bytes);
        s.fill((byte) 0);
        return s;
    }
}
