package dev.procward.probes;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Warm {@link Snapshotter#take} of the live /proc per field set, through the native reader and
 * through java.nio, with wall time and the process's CPU time per process (the steadier figure on
 * a shared host), and OSHI's {@code getProcesses()} the same way, as {@code SnapshotBenchmark}
 * runs it. Run by bench/inspect/snapshot-cpu.sh. Usage: SnapshotCpu [TAKES]
 */
public final class SnapshotCpu {
    public static void main(String[] args) {
        int takes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Map<String, Set<Field>> sets = new LinkedHashMap<>();
        sets.put("stat (ps -o pid,ppid,comm,vsz)", EnumSet.of(Field.STAT));
        sets.put("stat+status (ps -o pid,ppid,stat,rss,comm)", EnumSet.of(Field.STAT, Field.STATUS));
        sets.put("stat+status+cmdline", EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE));
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path proc = Path.of("/proc");
        for (var e : sets.entrySet()) {
            for (boolean nativeReads : new boolean[] {true, false}) {
                for (int i = 0; i < 3; i++) Snapshotter.take(proc, e.getValue(), pid -> true, nativeReads);
                double[] ms = new double[takes];
                long processes = 0;
                long cpu0 = os.getProcessCpuTime();
                for (int i = 0; i < takes; i++) {
                    long t0 = System.nanoTime();
                    processes += Snapshotter.take(proc, e.getValue(), pid -> true, nativeReads).processes().size();
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3 / processes;
                Arrays.sort(ms);
                long perTake = processes / takes;
                print(e.getKey(), nativeReads ? "native" : "nio", perTake, ms[takes / 2], cpuUs);
            }
        }
        // OSHI's getProcesses() in the same JVM, as SnapshotBenchmark runs it.
        var oshi = new oshi.SystemInfo().getOperatingSystem();
        for (int i = 0; i < 3; i++) oshi.getProcesses();
        double[] ms = new double[takes];
        long processes = 0;
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < takes; i++) {
            long t0 = System.nanoTime();
            processes += oshi.getProcesses().size();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3 / processes;
        Arrays.sort(ms);
        print("OSHI getProcesses()", "", processes / takes, ms[takes / 2], cpuUs);
    }

    private static void print(String what, String reader, long processes, double medianMs, double cpuUsPerProcess) {
        System.out.printf("%-44s %-6s %6d processes: median %7.1f ms = %5.1f µs/process wall, cpu %5.1f µs/process%n",
                what, reader, processes, medianMs, medianMs * 1e3 / processes, cpuUsPerProcess);
    }
}
