package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Where to keep the errno capture segment: the per-thread {@link CallState} this module uses,
 * against a confined arena per call, a segment the caller holds, and no capture at all.
 *
 * <p>The strategies are compared on libc's {@code labs}, which stays in user space, so that the
 * differences are not lost in a syscall's cost; {@code getpid} (through {@code syscall()}, as the
 * bindings do it) and the clone floor give the scale. Run with bench/native-bindings/errno-capture.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ErrnoCaptureBench {

    private static final FunctionDescriptor LABS = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG);
    private static final MethodHandle LABS_CAPTURING = Native.downcall("labs", LABS);
    private static final MethodHandle LABS_PLAIN = Linker.nativeLinker().downcallHandle(Native.symbol("labs"), LABS);

    private final MemorySegment held = Arena.ofAuto().allocate(Linker.Option.captureStateLayout());
    private long value = -42;

    @Benchmark
    public long labsNoCapture() throws Throwable {
        return (long) LABS_PLAIN.invokeExact(value);
    }

    @Benchmark
    public long labsSegmentHeldByCaller() throws Throwable {
        return (long) LABS_CAPTURING.invokeExact(held, value);
    }

    @Benchmark
    public long labsThreadLocalCallState() throws Throwable {
        return (long) LABS_CAPTURING.invokeExact(CallState.current().capture, value);
    }

    @Benchmark
    public long labsConfinedArenaPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (long) LABS_CAPTURING.invokeExact(arena.allocate(Linker.Option.captureStateLayout()), value);
        }
    }

    @Benchmark
    public long getpidThroughSyscall() {
        return Processes.pid();
    }

    @Benchmark
    public int cloneExitReap() {
        return ProcessFloor.cloneAndExit().pid();
    }
}
