package dev.procward.probes.diag.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.procward.probes.diag.StuckSampler;
import dev.procward.probes.kernel.SyscallTable;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Warm sweeps per read mode, with the process's CPU time per sweep beside the median wall time:
 * on a shared host the wall time also waits for other jobs, the CPU time much less. The same
 * figures as bench/diag/c-sweep.c prints for C. Usage: StuckSweepCpu [SWEEPS [MODE...]], modes
 * kept, ffm and jdk (default all three).
 */
public final class StuckSweepCpu {
    public static void main(String[] args) {
        int sweeps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int self = (int) ProcessHandle.current().pid();
        String[] modes = args.length > 1 ? Arrays.copyOfRange(args, 1, args.length) : new String[] {"kept", "ffm", "jdk"};
        for (String mode : modes) {
            for (boolean parallel : new boolean[] {false, true}) {
                try (var s = new StuckSampler(Path.of("/proc"), StuckSampler.UNINTERRUPTIBLE, true, self, SyscallTable.host())) {
                    if (!parallel) s.sequential();
                    if (mode.equals("kept")) s.keepDescriptors();
                    if (mode.equals("jdk")) s.jdkReads();
                    for (int i = 0; i < 5; i++) s.sweep(); // warm-up: JIT, and the kept descriptors
                    double[] ms = new double[sweeps];
                    int threads = 0;
                    long cpu0 = os.getProcessCpuTime();
                    for (int i = 0; i < sweeps; i++) {
                        long t0 = System.nanoTime();
                        threads = s.sweep().threads();
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / sweeps;
                    Arrays.sort(ms);
                    System.out.printf("java %-4s %-10s: %d threads, median %.1f ms, min %.1f ms over %d sweeps, cpu %.1f ms per sweep%n",
                            mode, parallel ? "parallel" : "one thread", threads, ms[sweeps / 2], ms[0], sweeps, cpu);
                }
            }
        }
    }
}
