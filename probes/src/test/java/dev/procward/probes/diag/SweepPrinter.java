package dev.procward.probes.diag;

import dev.procward.probes.kernel.KernelStack;
import dev.procward.probes.kernel.SyscallTable;
import dev.procward.probes.kernel.ThreadSyscall;

import java.nio.file.Path;

/**
 * Run in a child JVM (as another user) by {@link StuckAsNonRootTest}: sweeps until it sees PID in
 * D state, then prints that thread's activity and the gaps its unreadable files left.
 */
public final class SweepPrinter {
    private SweepPrinter() {}

    public static void main(String[] args) throws Exception {
        int pid = Integer.parseInt(args[0]);
        Path proc = Path.of("/proc");
        var sampler = new StuckSampler(proc, StuckSampler.UNINTERRUPTIBLE, true, -1, SyscallTable.host());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ThreadActivity a : sampler.sweep().active()) {
                if (a.tid() == pid) {
                    System.out.println("activity " + a.state() + " syscall=" + a.syscall() + " kstack=" + a.kstack());
                    System.out.println("stack " + KernelStack.read(proc, pid, pid).gapReason());
                    System.out.println("syscall " + ThreadSyscall.read(proc, pid, pid).gapReason());
                    return;
                }
            }
            Thread.sleep(50);
        }
        System.out.println("not seen");
        System.exit(3);
    }
}
