package dev.procward.probes.bench;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A full snapshot of every process: procward's Snapshotter against OSHI's getProcesses(), in the
 * same JVM. Both take what a process list shows: ids, state, nice, threads, times, memory, uid and
 * name. OSHI reads stat, statm, status, io and the exe link per process eagerly and the command
 * line lazily; procward reads stat and status ({@code procwardSnapshot}), and the command line too
 * in {@code procwardSnapshotWithCmdline}.
 *
 * <p>Run with bench/inspect/jmh.sh (the annotation processor needs -proc:full on JDK 23+).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SnapshotBenchmark {
    private static final Path PROC = Path.of("/proc");
    private static final Set<Field> LISTING = EnumSet.of(Field.STAT, Field.STATUS);
    private static final Set<Field> WITH_CMDLINE = EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE);

    private OperatingSystem oshi;

    @Setup
    public void setUp() {
        oshi = new oshi.SystemInfo().getOperatingSystem();
    }

    @Benchmark
    public ProcessTable procwardSnapshot() {
        return Snapshotter.take(PROC, LISTING);
    }

    @Benchmark
    public ProcessTable procwardSnapshotWithCmdline() {
        return Snapshotter.take(PROC, WITH_CMDLINE);
    }

    @Benchmark
    public List<OSProcess> oshiGetProcesses() {
        return oshi.getProcesses();
    }
}
