package dev.procward.cli.diag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-made /proc root for scenarios a live host will not offer on demand (a PID 1 that never
 * reaps, cgroup memory at its limit). Files follow the kernel's formats exactly.
 */
final class FakeProcRoot {
    final Path root;
    final Path cgroup;
    private final double uptime;

    FakeProcRoot(Path dir, double uptimeSeconds, int cpus) throws IOException {
        this.root = dir.resolve("proc");
        this.cgroup = dir.resolve("cgroup");
        this.uptime = uptimeSeconds;
        write("uptime", uptimeSeconds + " 100.00\n");
        StringBuilder stat = new StringBuilder("cpu  1 0 1 100 0 0 0 0 0 0\n");
        for (int i = 0; i < cpus; i++) stat.append("cpu").append(i).append(" 1 0 1 100 0 0 0 0 0 0\n");
        stat.append("btime 1700000000\nprocesses 100\n");
        write("stat", stat.toString());
        write("meminfo", "MemTotal:        8000000 kB\nMemFree:         4000000 kB\n");
        write("loadavg", "0.10 0.20 0.30 1/50 999\n");
        write("sys/kernel/pid_max", "32768\n");
        write("sys/fs/file-nr", "1000\t0\t100000\n");
        Files.createDirectories(cgroup);
    }

    /** A process; {@code ageSeconds} sets its start time, {@code sigCgt} its caught-signal mask. */
    FakeProcRoot process(int pid, int ppid, String comm, char state, double ageSeconds, long sigCgt, String cmdline)
            throws IOException {
        return process(pid, ppid, comm, state, ageSeconds, sigCgt, 0, cmdline);
    }

    /** A process with its ignored-signal mask {@code sigIgn} as well. */
    FakeProcRoot process(int pid, int ppid, String comm, char state, double ageSeconds, long sigCgt, long sigIgn,
                         String cmdline) throws IOException {
        long start = (long) ((uptime - ageSeconds) * 100);
        StringBuilder stat = new StringBuilder();
        stat.append(pid).append(" (").append(comm).append(") ").append(state).append(' ').append(ppid)
                .append(' ').append(pid).append(' ').append(pid).append(" 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 ")
                .append(start).append(" 10000000 ").append(state == 'Z' ? 0 : 500);
        for (int i = 0; i < 28; i++) stat.append(" 0");
        write(pid + "/stat", stat + "\n");
        write(pid + "/status", "Name:\t" + comm + "\nState:\t" + state + " (x)\nTgid:\t" + pid + "\nPid:\t" + pid
                + "\nPPid:\t" + ppid + "\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nThreads:\t1\nSigBlk:\t0000000000000000\n"
                + "SigIgn:\t" + String.format("%016x", sigIgn) + "\nSigCgt:\t" + String.format("%016x", sigCgt) + "\n");
        write(pid + "/cmdline", cmdline.isEmpty() ? "" : cmdline.replace(' ', '\0') + "\0");
        write(pid + "/cgroup", "0::/\n");
        write(pid + "/oom_score", "100\n");
        write(pid + "/oom_score_adj", "0\n");
        Files.createDirectories(root.resolve(pid + "/task/" + pid));
        Files.copy(root.resolve(pid + "/stat"), root.resolve(pid + "/task/" + pid + "/stat"));
        return this;
    }

    FakeProcRoot cgroupFile(String rel, String content) throws IOException {
        Path p = cgroup.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return this;
    }

    void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
