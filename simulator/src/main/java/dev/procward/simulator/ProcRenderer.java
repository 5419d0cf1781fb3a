package dev.procward.simulator;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the simulated process table as a /proc tree, in the kernel's own formats, so that the
 * probes' parsers read it exactly as they read the real one: per process {@code stat},
 * {@code status}, {@code cmdline}, {@code comm}, {@code statm}, {@code wchan}, {@code syscall},
 * {@code stack}, {@code cgroup}, {@code environ} and {@code task/TID/...}; globally
 * {@code uptime}, {@code loadavg}, {@code meminfo}, {@code stat}, {@code sys/kernel/pid_max},
 * {@code sys/kernel/ns_last_pid}, {@code sys/kernel/threads-max}, {@code sys/fs/file-nr} and
 * friends. Load averages are the instantaneous count of R and D tasks (the model keeps no
 * history).
 */
public final class ProcRenderer {
    /** What the simulated machine looks like from outside its process table. */
    public record Host(String hostname, int cpus, long memTotalKb, long bootEpochSeconds, String release) {
        public static Host standard() {
            return new Host("simhost", 2, 4L * 1024 * 1024, 1_767_225_600L, "6.18.0-procward-sim");
        }
    }

    /**
     * What gets rendered: the process table and the few kernel counters the global files show.
     * A simulated kernel gives one ({@link #of}); so can any other source of process data.
     */
    public record Machine(long uptimeNanos, int pidMax, int lastPid, long forksSinceBoot, List<ProcessView> processes) {
        public Machine {
            processes = List.copyOf(processes);
        }

        public static Machine of(SimulatedKernel k) {
            return new Machine(k.now(), k.pidMax(), k.lastPid(), k.forksSinceBoot(), k.processes());
        }
    }

    private static final long PAGE_KB = 4;
    private static final long HZ = SimulatedKernel.TICKS_PER_SECOND;

    private final Host host;
    private final boolean kernelDetail;

    /**
     * @param kernelDetail also write what only a kernel knows (wchan, syscall, stack, environ, one
     *                     task directory per thread); off for sources that cannot know it, which
     *                     also keeps rendering tens of thousands of processes quick
     */
    public ProcRenderer(Host host, boolean kernelDetail) {
        this.host = host;
        this.kernelDetail = kernelDetail;
    }

    public ProcRenderer(Host host) {
        this(host, true);
    }

    public ProcRenderer() {
        this(Host.standard());
    }

    /** Renders into a fresh in-memory file system and returns its {@code /proc}. */
    public Path renderToMemory(SimulatedKernel k) {
        return renderToMemory(Machine.of(k));
    }

    public Path renderToMemory(Machine k) {
        FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        Path root = fs.getPath("/proc");
        render(k, root);
        return root;
    }

    /** Renders into {@code root}, which is created if needed; existing pid directories are not removed. */
    public void render(SimulatedKernel k, Path root) {
        render(Machine.of(k), root);
    }

    public void render(Machine k, Path root) {
        try {
            Files.createDirectories(root);
            List<ProcessView> all = k.processes();
            for (ProcessView p : all) renderProcess(k, root, p);
            renderGlobal(k, root, all);
            if (!all.isEmpty()) Files.createSymbolicLink(root.resolve("self"), root.getFileSystem().getPath(String.valueOf(all.getFirst().pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void renderProcess(Machine k, Path root, ProcessView p) throws IOException {
        Path dir = root.resolve(String.valueOf(p.pid()));
        Files.createDirectories(dir);
        write(dir.resolve("stat"), stat(k, p, p.pid()));
        write(dir.resolve("status"), status(p, p.pid()));
        write(dir.resolve("comm"), p.comm() + "\n");
        write(dir.resolve("cmdline"), cmdline(p));
        write(dir.resolve("statm"), statm(p));
        if (!kernelDetail) return;
        write(dir.resolve("environ"), p.state() == ProcState.ZOMBIE ? "" : "PATH=/usr/bin:/bin\0HOME=/root\0");
        write(dir.resolve("wchan"), wchan(p));
        write(dir.resolve("syscall"), syscall(p));
        write(dir.resolve("stack"), stack(p));
        write(dir.resolve("cgroup"), "0::/\n");
        Path task = dir.resolve("task");
        Files.createDirectories(task);
        for (int tid : tids(p)) {
            Path t = task.resolve(String.valueOf(tid));
            Files.createDirectories(t);
            write(t.resolve("stat"), stat(k, p, tid));
            write(t.resolve("status"), status(p, tid));
            write(t.resolve("comm"), p.comm() + "\n");
            write(t.resolve("wchan"), wchan(p));
            write(t.resolve("syscall"), syscall(p));
            write(t.resolve("stack"), stack(p));
        }
    }

    private static List<Integer> tids(ProcessView p) {
        if (p.state() == ProcState.ZOMBIE) return List.of(p.pid());
        var all = new java.util.ArrayList<Integer>();
        all.add(p.pid());
        all.addAll(p.threadIds());
        return all;
    }

    private static boolean zombie(ProcessView p) {
        return p.state() == ProcState.ZOMBIE;
    }

    String stat(Machine k, ProcessView p, int tid) {
        boolean z = zombie(p);
        long start = p.startTimeNanos() * HZ / 1_000_000_000L;
        long vsize = z ? 0 : p.vsizeKb() * 1024;
        long rss = z ? 0 : p.rssKb() / PAGE_KB;
        int flags = 0x400000 | (z ? 0x4 : 0);
        long utime = p.cpuTicks() * 9 / 10, stime = p.cpuTicks() - utime;
        int exitCode = z ? p.exitStatus() : 0;
        return tid + " (" + p.comm() + ") " + p.state().letter() + " " + p.ppid() + " " + p.pgid() + " " + p.sid()
                + " 0 -1 " + flags + " 120 0 0 0 " + utime + " " + stime + " 0 0 20 0 " + (z ? 1 : p.threads())
                + " 0 " + start + " " + vsize + " " + rss + " 18446744073709551615 0 0 0 0 0 "
                + p.pending() + " " + p.blocked() + " " + p.ignored() + " " + p.caught()
                + " 0 0 0 17 " + (tid % host.cpus()) + " 0 0 " + (p.state() == ProcState.DISK_SLEEP ? (k.uptimeNanos() - p.startTimeNanos()) * HZ / 1_000_000_000L / 2 : 0)
                + " 0 0 0 0 0 0 0 0 0 " + exitCode + "\n";
    }

    String status(ProcessView p, int tid) {
        boolean z = zombie(p);
        StringBuilder b = new StringBuilder();
        b.append("Name:\t").append(p.comm()).append('\n');
        b.append("Umask:\t0022\n");
        b.append("State:\t").append(p.state().letter()).append(" (").append(p.state().statusName()).append(")\n");
        b.append("Tgid:\t").append(p.pid()).append('\n');
        b.append("Ngid:\t0\n");
        b.append("Pid:\t").append(tid).append('\n');
        b.append("PPid:\t").append(p.ppid()).append('\n');
        b.append("TracerPid:\t0\n");
        b.append("Uid:\t").append(p.uid()).append('\t').append(p.uid()).append('\t').append(p.uid()).append('\t').append(p.uid()).append('\n');
        b.append("Gid:\t0\t0\t0\t0\n");
        b.append("FDSize:\t").append(z ? 0 : 64).append('\n');
        b.append("Groups:\t \n");
        b.append("NStgid:\t").append(p.pid()).append('\n');
        b.append("NSpid:\t").append(tid).append('\n');
        b.append("NSpgid:\t").append(p.pgid()).append('\n');
        b.append("NSsid:\t").append(p.sid()).append('\n');
        b.append("Kthread:\t0\n");
        if (!z) {
            long rss = p.rssKb(), vm = p.vsizeKb();
            b.append(kb("VmPeak", vm)).append(kb("VmSize", vm)).append(kb("VmLck", 0)).append(kb("VmPin", 0))
                    .append(kb("VmHWM", rss)).append(kb("VmRSS", rss)).append(kb("RssAnon", rss / 4))
                    .append(kb("RssFile", rss - rss / 4)).append(kb("RssShmem", 0)).append(kb("VmData", vm / 4))
                    .append(kb("VmStk", 132)).append(kb("VmExe", 20)).append(kb("VmLib", 1528)).append(kb("VmPTE", 44))
                    .append(kb("VmSwap", 0)).append(kb("HugetlbPages", 0));
        }
        b.append("CoreDumping:\t0\n");
        b.append("THP_enabled:\t1\n");
        b.append("Threads:\t").append(z ? 1 : p.threads()).append('\n');
        b.append("SigQ:\t0/15398\n");
        b.append("SigPnd:\t").append(hex(0)).append('\n');
        b.append("ShdPnd:\t").append(hex(p.pending())).append('\n');
        b.append("SigBlk:\t").append(hex(p.blocked())).append('\n');
        b.append("SigIgn:\t").append(hex(z ? 0 : p.ignored())).append('\n');
        b.append("SigCgt:\t").append(hex(z ? 0 : p.caught())).append('\n');
        b.append("CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n");
        b.append("CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
        b.append("NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        b.append("Cpus_allowed:\t").append(Long.toHexString((1L << host.cpus()) - 1)).append('\n');
        b.append("Cpus_allowed_list:\t0-").append(host.cpus() - 1).append('\n');
        b.append("voluntary_ctxt_switches:\t").append(10 + p.pid() % 7).append('\n');
        b.append("nonvoluntary_ctxt_switches:\t").append(p.cpuTicks()).append('\n');
        return b.toString();
    }

    private static String kb(String key, long value) {
        return String.format("%s:\t%8d kB%n", key, value);
    }

    private static String hex(long mask) {
        return String.format("%016x", mask);
    }

    private static String cmdline(ProcessView p) {
        if (zombie(p)) return "";
        StringBuilder b = new StringBuilder();
        for (String a : p.argv()) b.append(a).append('\0');
        return b.toString();
    }

    private static String statm(ProcessView p) {
        if (zombie(p)) return "0 0 0 0 0 0 0\n";
        long size = p.vsizeKb() / PAGE_KB, res = p.rssKb() / PAGE_KB;
        return size + " " + res + " " + res * 3 / 4 + " 5 0 " + size / 4 + " 0\n";
    }

    private static String wchan(ProcessView p) {
        return switch (p.state()) {
            case RUNNING, ZOMBIE, DEAD -> "0";
            case STOPPED -> "do_signal_stop";
            default -> p.wchan();
        };
    }

    private static String syscall(ProcessView p) {
        return switch (p.state()) {
            case RUNNING -> "running\n";
            case STOPPED -> "-1 0x7ffc1e3a1f58 0x7f3b2c0e4a3d\n";
            case DISK_SLEEP -> "0 0x3 0x7f3b2c000b60 0x10000 0x0 0x0 0x0 0x7ffc1e3a1f58 0x7f3b2c0e4a3d\n";
            case ZOMBIE, DEAD -> "";
            case SLEEPING -> "7 0x7ffc1e3a2010 0x1 0xffffffff 0x0 0x0 0x0 0x7ffc1e3a1f58 0x7f3b2c0e4a3d\n";
        };
    }

    private static String stack(ProcessView p) {
        return switch (p.state()) {
            case DISK_SLEEP -> "[<0>] " + p.wchan() + "+0x4c/0x90\n[<0>] vfs_read+0xb0/0x2e0\n[<0>] ksys_read+0x6d/0xf0\n"
                    + "[<0>] do_syscall_64+0x82/0x190\n[<0>] entry_SYSCALL_64_after_hwframe+0x76/0x7e\n";
            case SLEEPING -> "[<0>] do_sys_poll+0x2c1/0x4a0\n[<0>] __x64_sys_poll+0xbc/0x150\n"
                    + "[<0>] do_syscall_64+0x82/0x190\n[<0>] entry_SYSCALL_64_after_hwframe+0x76/0x7e\n";
            case STOPPED -> "[<0>] do_signal_stop+0x10a/0x230\n[<0>] get_signal+0x545/0x8d0\n";
            default -> "";
        };
    }

    private void renderGlobal(Machine k, Path root, List<ProcessView> all) throws IOException {
        double up = k.uptimeNanos() / 1e9;
        long upTicks = k.uptimeNanos() * HZ / 1_000_000_000L;
        int running = 0, blocked = 0, tasks = 0;
        long rssTotal = 0, cpuBusy = 0;
        for (ProcessView p : all) {
            if (zombie(p)) { tasks++; continue; }
            tasks += p.threads();
            if (p.state() == ProcState.RUNNING) running += p.threads();
            if (p.state() == ProcState.DISK_SLEEP) blocked += p.threads();
            rssTotal += p.rssKb();
            cpuBusy += p.cpuTicks();
        }
        write(root.resolve("uptime"), String.format("%.2f %.2f%n", up, Math.max(0, up * host.cpus() - cpuBusy / (double) HZ)));
        double load = running + blocked;
        write(root.resolve("loadavg"), String.format("%.2f %.2f %.2f %d/%d %d%n", load, load, load, Math.max(1, running), tasks, k.lastPid()));
        long free = Math.max(0, host.memTotalKb() - rssTotal - 200 * 1024);
        write(root.resolve("meminfo"), kb("MemTotal", host.memTotalKb()).replace("\t", "        ")
                + kb("MemFree", free).replace("\t", "         ") + kb("MemAvailable", free + 150 * 1024).replace("\t", "    ")
                + kb("Buffers", 6484).replace("\t", "          ") + kb("Cached", 150 * 1024).replace("\t", "           ")
                + kb("SwapTotal", 0).replace("\t", "       ") + kb("SwapFree", 0).replace("\t", "        "));
        StringBuilder st = new StringBuilder();
        long idleAll = Math.max(0, upTicks * host.cpus() - cpuBusy);
        st.append("cpu  ").append(cpuBusy).append(" 0 0 ").append(idleAll).append(" 0 0 0 0 0 0\n");
        for (int c = 0; c < host.cpus(); c++) {
            st.append("cpu").append(c).append(' ').append(cpuBusy / host.cpus()).append(" 0 0 ")
                    .append(idleAll / host.cpus()).append(" 0 0 0 0 0 0\n");
        }
        st.append("ctxt ").append(k.forksSinceBoot() * 40).append('\n');
        st.append("btime ").append(host.bootEpochSeconds()).append('\n');
        st.append("processes ").append(k.forksSinceBoot()).append('\n');
        st.append("procs_running ").append(Math.max(1, running)).append('\n');
        st.append("procs_blocked ").append(blocked).append('\n');
        write(root.resolve("stat"), st.toString());
        Path kernel = root.resolve("sys/kernel");
        Files.createDirectories(kernel);
        write(kernel.resolve("pid_max"), k.pidMax() + "\n");
        write(kernel.resolve("ns_last_pid"), k.lastPid() + "\n");
        write(kernel.resolve("threads-max"), "30796\n");
        write(kernel.resolve("hostname"), host.hostname() + "\n");
        write(kernel.resolve("ostype"), "Linux\n");
        write(kernel.resolve("osrelease"), host.release() + "\n");
        Files.createDirectories(root.resolve("sys/fs"));
        write(root.resolve("sys/fs/file-nr"), (all.size() * 4) + "\t0\t9223372036854775807\n");
        write(root.resolve("sys/fs/file-max"), "9223372036854775807\n");
        Files.createDirectories(root.resolve("sys/vm"));
        write(root.resolve("sys/vm/overcommit_memory"), "0\n");
        write(root.resolve("version"), "Linux version " + host.release() + " (procward simulator)\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
