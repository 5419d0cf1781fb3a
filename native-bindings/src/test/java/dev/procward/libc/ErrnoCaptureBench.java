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
 * against a confined arena per call, a segment held by the caller (the floor), and no capture at
 * all. Each calls {@code syscall(SYS_getpid)}. Run with bench/native-bindings/errno-capture.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ErrnoCaptureBench {

    private static final FunctionDescriptor SYSCALL7 = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle CAPTURING = Native.downcall("syscall", SYSCALL7, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle PLAIN = Linker.nativeLinker().downcallHandle(
            Native.symbol("syscall"), SYSCALL7, Linker.Option.firstVariadicArg(1));
    private static final long GETPID = Sys.GETPID.number();

    private final MemorySegment held = Arena.ofAuto().allocate(Linker.Option.captureStateLayout());

    @Benchmark
    public long threadLocalCallState() {
        return Syscall.raw(CallState.current(), Sys.GETPID, 0, 0, 0, 0, 0, 0);
    }

    @Benchmark
    public long confinedArenaPerCall() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Linker.Option.captureStateLayout());
            return (long) CAPTURING.invokeExact(capture, GETPID, 0L, 0L, 0L, 0L, 0L, 0L);
        }
    }

    @Benchmark
    public long segmentHeldByCaller() throws Throwable {
        return (long) CAPTURING.invokeExact(held, GETPID, 0L, 0L, 0L, 0L, 0L, 0L);
    }

    @Benchmark
    public long noCapture() throws Throwable {
        return (long) PLAIN.invokeExact(GETPID, 0L, 0L, 0L, 0L, 0L, 0L);
    }

    @Benchmark
    public int cloneExitReap() {
        return ProcessFloor.cloneAndExit().pid();
    }
}
