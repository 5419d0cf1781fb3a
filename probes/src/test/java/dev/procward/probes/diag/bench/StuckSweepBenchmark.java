package dev.procward.probes.diag.bench;

import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.kernel.SyscallTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One {@code procward stuck} sweep over every thread of the live /proc, warm: stat of every
 * thread, and syscall/wchan/stack of those in the wanted states. Run by bench/diag/stuck-sweep.sh,
 * which first starts 10k sleeping threads. "Warm" is a sampler that has swept before, as in
 * {@code procward stuck}'s --hz sampling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StuckSweepBenchmark {
    /** "D" is the default of procward stuck; "active" is -a. */
    @Param({"D"})
    public String states;

    /** Read the stat files on all CPUs (the default) or on one thread. */
    @Param({"true", "false"})
    public boolean parallel;

    /**
     * How stat is read: "kept" keeps each thread's stat open between sweeps and preads it (what
     * {@code StuckSampler.sample} does), "ffm" opens, reads and closes it relative to the task
     * directory's descriptor each sweep, "jdk" uses the JDK's streams.
     */
    @Param({"kept", "ffm", "jdk"})
    public String reads;

    private StuckSampler sampler;
    private int threads;

    @Setup
    public void setUp() {
        sampler = new StuckSampler(Path.of("/proc"), states.equals("D") ? StuckSampler.UNINTERRUPTIBLE : StuckSampler.ACTIVE,
                true, (int) ProcessHandle.current().pid(), SyscallTable.host());
        if (!parallel) sampler.sequential();
        if (reads.equals("jdk")) sampler.jdkReads();
        if (reads.equals("kept")) sampler.keepDescriptors();
    }

    @Benchmark
    public StuckSampler.Sweep sweep() {
        StuckSampler.Sweep s = sampler.sweep();
        threads = s.threads();
        return s;
    }

    @TearDown(Level.Trial)
    public void report() {
        sampler.close();
        System.out.println("# threads seen in the last sweep: " + threads);
    }
}
