package dev.procward.probes.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a spawn figure depends on besides the method: kernel, CPU, glibc, JDK, transparent huge
 * page mode, and how busy the machine was ({@code loadAverage}: the 1, 5 and 15 minute load
 * averages of {@code /proc/loadavg} when the run ended). Unknown facts are the string
 * {@code unknown}, never invented.
 */
public record MachineFacts(String kernel, String cpuModel, int cpus, String glibc, String jdk,
                           String thpMode, long memTotalBytes, String loadAverage) {
    static final String UNKNOWN = "unknown";
    /** The THP mode file, relative to /sys. */
    static final String THP_ENABLED = "kernel/mm/transparent_hugepage/enabled";
    private static final Pattern SELECTED = Pattern.compile("\\[([^]]+)]");

    /** Reads the facts of this machine; {@code glibc} comes from the caller (libc or the C harness). */
    public static MachineFacts probe(Path procRoot, Path sysRoot, String glibc) {
        return new MachineFacts(
                firstLine(procRoot.resolve("sys/kernel/osrelease")),
                cpuModel(read(procRoot.resolve("cpuinfo"))),
                Runtime.getRuntime().availableProcessors(),
                glibc == null || glibc.isBlank() ? UNKNOWN : glibc,
                System.getProperty("java.vm.vendor", "") + " " + System.getProperty("java.vm.name", "java")
                        + " " + Runtime.version(),
                thpMode(read(sysRoot.resolve(THP_ENABLED))),
                AvailableMemory.read(procRoot).totalBytes(),
                loadAverage(read(procRoot.resolve("loadavg"))));
    }

    /** The bracketed choice of {@code /sys/kernel/mm/transparent_hugepage/enabled}, e.g. {@code madvise}. */
    static String thpMode(String enabled) {
        if (enabled == null) return UNKNOWN;
        Matcher m = SELECTED.matcher(enabled);
        return m.find() ? m.group(1) : UNKNOWN;
    }

    /** The first three fields of {@code /proc/loadavg}: "1.05 0.70 0.52". */
    static String loadAverage(String loadavg) {
        if (loadavg == null) return UNKNOWN;
        String[] words = loadavg.strip().split("\\s+");
        return words.length < 3 ? UNKNOWN : words[0] + " " + words[1] + " " + words[2];
    }

    static String cpuModel(String cpuinfo) {
        if (cpuinfo == null) return UNKNOWN;
        for (String line : cpuinfo.split("\n")) {
            // x86 says "model name"; many arm64 kernels say nothing better than "CPU part".
            if (line.startsWith("model name") || line.startsWith("Model")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return System.getProperty("os.arch", UNKNOWN);
    }

    private static String firstLine(Path file) {
        String text = read(file);
        return text == null ? UNKNOWN : text.strip().split("\n")[0];
    }

    /** The file's text, or null when it cannot be read. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
