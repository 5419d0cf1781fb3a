package dev.procward.probes.capture;

import dev.procward.probes.Gap;
import dev.procward.probes.SystemInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * What a capture holds, and where non-/proc files live inside a captured root. The archive is a
 * zip whose entries are paths relative to the /proc root; symbolic links (fd/, ns/, cwd, exe,
 * root, self) are listed in {@code .procward/symlinks} as NUL-separated path/target pairs.
 */
public final class CaptureLayout {
    private CaptureLayout() {}

    public static final String META = SystemInfo.CAPTURE_META_DIR;
    public static final String SYMLINKS = META + "/symlinks";
    public static final String PROPERTIES = META + "/capture.properties";
    /** The cgroup filesystem's files for the captured processes' cgroups, mirrored under here. */
    public static final String CGROUP_FS = META + "/sys/fs/cgroup";

    /** The kernel log (kmsg records, one per line) as read at capture time, when it was readable. */
    public static final String KERNEL_LOG = META + "/kmsg";

    /** capture.properties key: the container marker files found beside the captured /proc (comma-separated). */
    public static final String CONTAINER_MARKERS = "container_markers";

    /** capture.properties key: why the kernel log was not captured (a {@link Gap.Reason} name). */
    public static final String KERNEL_LOG_GAP = "kernel_log_gap";

    /** Global files, relative to the root. */
    public static final List<String> GLOBAL_FILES = List.of(
            "uptime", "stat", "meminfo", "loadavg", "version", "cgroups", "mounts", "filesystems",
            "pressure/cpu", "pressure/memory", "pressure/io",
            "sys/kernel/pid_max", "sys/kernel/threads-max", "sys/kernel/ostype", "sys/kernel/osrelease",
            "sys/fs/file-nr", "sys/fs/file-max", "sys/vm/overcommit_memory");

    /** Per-process files, relative to the pid directory. */
    public static final List<String> PROCESS_FILES = List.of(
            "stat", "status", "cmdline", "comm", "statm", "smaps_rollup", "smaps", "maps", "wchan", "syscall",
            "stack", "limits", "io", "environ", "sched", "oom_score", "oom_score_adj", "cgroup", "mountinfo",
            "loginuid", "autogroup", "timerslack_ns", "personality");

    /** Per-process symbolic links. */
    public static final List<String> PROCESS_LINKS = List.of("cwd", "exe", "root");

    /** Per-thread files, relative to task/TID. */
    public static final List<String> THREAD_FILES = List.of("stat", "status", "comm", "wchan", "syscall", "stack");

    /** Per-cgroup files copied from the cgroup filesystem (v2 and v1 names). */
    public static final List<String> CGROUP_FILES = List.of(
            "memory.current", "memory.max", "memory.high", "memory.events", "memory.swap.current", "memory.swap.max",
            "memory.peak", "pids.current", "pids.max", "pids.events", "cgroup.procs", "cgroup.controllers",
            "memory.usage_in_bytes", "memory.limit_in_bytes", "memory.max_usage_in_bytes", "memory.failcnt",
            "memory.oom_control", "memory.memsw.usage_in_bytes", "memory.memsw.limit_in_bytes",
            "cpu.max", "cpu.stat", "cpu.pressure", "memory.pressure", "io.pressure");

    /**
     * The cgroup filesystem that belongs to a root: {@code /sys/fs/cgroup} for the live /proc,
     * the mirrored copy inside a capture, and {@code <root>/../sys/fs/cgroup} for other
     * directories (a simulator rendering may provide one).
     */
    public static Path cgroupFs(Path procRoot) {
        Path captured = procRoot.resolve(CGROUP_FS);
        if (Files.isDirectory(captured)) return captured;
        if (procRoot.toAbsolutePath().normalize().equals(Path.of("/proc"))) return Path.of("/sys/fs/cgroup");
        Path parent = procRoot.toAbsolutePath().getParent();
        return parent == null ? Path.of("/sys/fs/cgroup") : parent.resolve("sys/fs/cgroup");
    }

    /**
     * The kernel log that belongs to a root: the captured copy inside a capture, {@code /dev/kmsg}
     * for the live /proc, and null for other directories.
     */
    public static Path kernelLog(Path procRoot) {
        Path captured = procRoot.resolve(KERNEL_LOG);
        if (Files.isRegularFile(captured)) return captured;
        if (procRoot.toAbsolutePath().normalize().equals(Path.of("/proc"))) return Path.of("/dev/kmsg");
        return null;
    }

    /**
     * Why a capture holds no kernel log, as recorded when it was made: the live reader's reason
     * (permission denied, say), or missing when the capture did not say.
     */
    public static Gap.Reason kernelLogGap(Path procRoot) {
        Properties meta = SystemInfo.captureMeta(procRoot);
        String recorded = meta == null ? null : meta.getProperty(KERNEL_LOG_GAP);
        for (Gap.Reason r : Gap.Reason.values()) {
            if (r.name().equals(recorded)) return r;
        }
        return Gap.Reason.MISSING;
    }

    /** True when the root is an opened capture. */
    public static boolean isCapture(Path procRoot) {
        return Files.isRegularFile(procRoot.resolve(PROPERTIES));
    }
}
