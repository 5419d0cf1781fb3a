package dev.procward.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Host-wide facts a listing needs to turn ticks and pages into times and bytes, read from the same
 * root as the processes (so a capture carries its own clock).
 *
 * @param uptimeSeconds seconds since boot at the moment of reading ({@code uptime})
 * @param bootTime      seconds since the epoch ({@code stat} btime)
 * @param memTotalKb    {@code meminfo} MemTotal, -1 if unknown
 * @param clockTicks    USER_HZ: clock ticks per second in stat times
 * @param pageSize      bytes per page in stat rss and statm
 * @param cpuCount      number of CPUs in {@code stat}, -1 if unknown
 * @param gaps          global files that could not be read
 */
public record SystemInfo(double uptimeSeconds, long bootTime, long memTotalKb, int clockTicks, int pageSize,
                         int cpuCount, List<Gap> gaps) {
    /** USER_HZ is 100 on every Linux architecture the JDK runs on; captures record their own. */
    public static final int DEFAULT_CLOCK_TICKS = 100;
    public static final int DEFAULT_PAGE_SIZE = 4096;
    /** Directory inside a captured root holding capture metadata, passwd and group. */
    public static final String CAPTURE_META_DIR = ".procward";

    public SystemInfo {
        gaps = List.copyOf(gaps);
    }

    /** Wall-clock time at which the root was read, in epoch milliseconds. */
    public long nowMillis() {
        return bootTime * 1000 + (long) (uptimeSeconds * 1000);
    }

    /** Epoch milliseconds at which a task with the given stat starttime (ticks after boot) started. */
    public long startMillis(long startTimeTicks) {
        return bootTime * 1000 + startTimeTicks * 1000 / clockTicks;
    }

    /** Seconds a task with that starttime has existed at the moment of reading. */
    public double ageSeconds(long startTimeTicks) {
        return Math.max(0, uptimeSeconds - (double) startTimeTicks / clockTicks);
    }

    public static SystemInfo read(Path root) {
        var reader = new ProcFileReader();
        List<Gap> gaps = new ArrayList<>();
        Uptime uptime = global(reader, root, "uptime", Uptime::parse, gaps);
        KernelStat ks = global(reader, root, "stat", KernelStat::parse, gaps);
        Meminfo mem = global(reader, root, "meminfo", Meminfo::parse, gaps);
        double up = uptime == null ? 0 : uptime.upSeconds();
        long btime = ks == null ? 0 : ks.bootTime();
        int cpus = ks == null ? -1 : ks.cpuCount();
        long memTotal = mem == null ? -1 : mem.memTotalKb();
        int ticks = DEFAULT_CLOCK_TICKS, page = DEFAULT_PAGE_SIZE;
        Properties meta = captureMeta(root);
        if (meta != null) {
            ticks = intProp(meta, "clock_ticks", ticks);
            page = intProp(meta, "page_size", page);
        } else if (root.equals(Path.of("/proc"))) {
            page = livePageSize(reader);
        }
        return new SystemInfo(up, btime, memTotal, ticks, page, cpus, gaps);
    }

    private static <T> T global(ProcFileReader reader, Path root, String file,
                                java.util.function.Function<String, T> parser, List<Gap> gaps) {
        try {
            return parser.apply(reader.readString(root.resolve(file)));
        } catch (IOException e) {
            gaps.add(Gap.of(file, e, false));
        } catch (ProcParseException e) {
            gaps.add(new Gap(file, Gap.Reason.MALFORMED));
        }
        return null;
    }

    /** The capture's metadata, or null when the root is not a capture (or its metadata is malformed). */
    public static Properties captureMeta(Path root) {
        Path p = root.resolve(CAPTURE_META_DIR).resolve("capture.properties");
        if (!Files.isRegularFile(p)) return null;
        try {
            return dev.procward.probes.capture.CaptureMeta.parse(Files.readAllBytes(p));
        } catch (IOException | ProcParseException e) {
            return null;
        }
    }

    private static int intProp(Properties p, String key, int dflt) {
        try {
            return Integer.parseInt(p.getProperty(key, Integer.toString(dflt)).strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** Page size of the running kernel: our own VmRSS (kB) over our statm resident pages. */
    private static int livePageSize(ProcFileReader reader) {
        try {
            Statm statm = Statm.parse(reader.readString(Path.of("/proc/self/statm")));
            ProcStatus status = ProcStatus.parse(reader.readString(Path.of("/proc/self/status")));
            if (statm.resident() <= 0 || status.vmRss() <= 0) return DEFAULT_PAGE_SIZE;
            long ratio = status.vmRss() * 1024 / statm.resident();
            for (int size : new int[] {4096, 16384, 65536}) {
                if (Math.abs(ratio - size) < size / 4) return size;
            }
        } catch (IOException | ProcParseException e) {
            // fall through: the default is right on x86_64 and most aarch64 kernels
        }
        return DEFAULT_PAGE_SIZE;
    }
}
