package dev.procward.probes.capture;

import dev.procward.probes.Environ;
import dev.procward.probes.Gap;
import dev.procward.probes.ProcFileReader;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.kernel.ContainerEvidence;
import dev.procward.probes.kernel.KernelLog;
import dev.procward.probes.kernel.Readout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the files the inspectors read into one zip archive (see {@link CaptureLayout}). A file
 * that cannot be read is left out (it reads back as a missing-file gap). Environment values that
 * look secret are redacted unless asked otherwise: a capture travels.
 */
public final class CaptureWriter {
    /**
     * @param pids           the processes to capture; empty for all
     * @param includeSecrets keep secret-looking environ values
     */
    public record Options(Set<Integer> pids, boolean includeSecrets) {
        public Options {
            pids = Set.copyOf(pids);
        }
    }

    /** What went into the archive. */
    public record Summary(int processes, int files, int links, int unreadable, long bytes) {}

    private static final int MAX_CGROUP_DIRS = 10_000;

    private final Path root;
    private final Options options;
    private final ProcFileReader reader = new ProcFileReader(64 * 1024);
    private final ByteArrayOutputStream symlinks = new ByteArrayOutputStream();
    private ZipOutputStream zip;
    private int files, links, unreadable, processes;
    private long bytes;
    private Gap.Reason kernelLogGap;

    private CaptureWriter(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public static Summary write(Path procRoot, Path archive, Options options) throws IOException {
        return new CaptureWriter(procRoot, options).writeTo(archive);
    }

    private Summary writeTo(Path archive) throws IOException {
        Path parent = archive.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".procward-capture", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); var z = new ZipOutputStream(out)) {
                zip = z;
                z.setLevel(Deflater.BEST_SPEED);
                writeGlobals();
                int[] pids = Snapshotter.pids(root);
                for (int pid : pids) {
                    if (!options.pids().isEmpty() && !options.pids().contains(pid)) continue;
                    if (writeProcess(pid)) processes++;
                }
                writeSelfLink();
                writeCgroupFs();
                writeIdFiles();
                writeKernelLog();
                entry(CaptureLayout.SYMLINKS, symlinks.toByteArray(), symlinks.size());
                writeProperties();
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Summary(processes, files, links, unreadable, bytes);
    }

    private void writeGlobals() throws IOException {
        for (String f : CaptureLayout.GLOBAL_FILES) copy(root.resolve(f), f);
        copy(root.resolve("sys/kernel/hostname"), "sys/kernel/hostname");
    }

    /** Returns false when the process had already gone. */
    private boolean writeProcess(int pid) throws IOException {
        String base = Integer.toString(pid);
        Path dir = root.resolve(base);
        if (!copy(dir.resolve("stat"), base + "/stat")) return false;
        for (String f : CaptureLayout.PROCESS_FILES) {
            if (f.equals("stat")) continue;
            if (f.equals("environ")) copyEnviron(dir.resolve(f), base + "/environ");
            else copy(dir.resolve(f), base + "/" + f);
        }
        for (String l : CaptureLayout.PROCESS_LINKS) link(dir.resolve(l), base + "/" + l);
        for (String ns : listNames(dir.resolve("ns"))) link(dir.resolve("ns").resolve(ns), base + "/ns/" + ns);
        for (String fd : listNames(dir.resolve("fd"))) link(dir.resolve("fd").resolve(fd), base + "/fd/" + fd);
        for (String tid : listNames(dir.resolve("task"))) {
            for (String f : CaptureLayout.THREAD_FILES) copy(dir.resolve("task").resolve(tid).resolve(f), base + "/task/" + tid + "/" + f);
        }
        return true;
    }

    private void copyEnviron(Path file, String name) throws IOException {
        int n;
        try {
            n = reader.read(file);
        } catch (IOException e) {
            unreadable++;
            return;
        }
        if (options.includeSecrets()) {
            entry(name, reader.buffer(), n);
            return;
        }
        try {
            byte[] clean = Environ.parse(reader.buffer(), n).redacted().toBytes();
            entry(name, clean, clean.length);
        } catch (ProcParseException e) {
            unreadable++;
        }
    }

    private void writeSelfLink() throws IOException {
        try {
            String self = Files.readSymbolicLink(root.resolve("self")).toString();
            addLink("self", self);
        } catch (IOException | UnsupportedOperationException e) {
            // a directory root without self: nothing to record
        }
    }

    /** Mirrors the cgroup filesystem's accounting files, so cgroup limits read back from the capture. */
    private void writeCgroupFs() throws IOException {
        Path fs = CaptureLayout.cgroupFs(root);
        if (!Files.isDirectory(fs)) return;
        int[] dirs = {0};
        walkCgroups(fs, fs, dirs, 0);
    }

    private void walkCgroups(Path fs, Path dir, int[] dirs, int depth) throws IOException {
        if (dirs[0]++ >= MAX_CGROUP_DIRS || depth > 32) return;
        String rel = fs.relativize(dir).toString();
        String prefix = CaptureLayout.CGROUP_FS + (rel.isEmpty() ? "" : "/" + rel);
        for (String f : CaptureLayout.CGROUP_FILES) {
            Path p = dir.resolve(f);
            if (Files.isRegularFile(p)) copy(p, prefix + "/" + f);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path sub : ds) {
                if (!Files.isSymbolicLink(sub)) walkCgroups(fs, sub, dirs, depth + 1);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            unreadable++;
        }
    }

    /** The live kernel log (or a captured root's), or the reason it could not be read, for doctor to report. */
    private void writeKernelLog() throws IOException {
        Path source = CaptureLayout.kernelLog(root);
        if (source == null) {
            if (CaptureLayout.isCapture(root)) kernelLogGap = CaptureLayout.kernelLogGap(root);
            return;
        }
        var log = KernelLog.read(source, Duration.ofMillis(150));
        if (log instanceof Readout.Value<List<String>>(List<String> lines)) {
            byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
            entry(CaptureLayout.KERNEL_LOG, text, text.length);
        } else {
            kernelLogGap = log.gapReason();
            unreadable++;
        }
    }

    private void writeIdFiles() throws IOException {
        for (String f : new String[] {"passwd", "group"}) {
            Path captured = root.resolve(CaptureLayout.META).resolve(f);
            copy(Files.isRegularFile(captured) ? captured : Path.of("/etc", f), CaptureLayout.META + "/" + f);
        }
    }

    private void writeProperties() throws IOException {
        SystemInfo sys = SystemInfo.read(root);
        var p = new Properties();
        p.setProperty("format", "1");
        p.setProperty("captured_at", Instant.now().toString());
        p.setProperty("page_size", Integer.toString(sys.pageSize()));
        p.setProperty("clock_ticks", Integer.toString(sys.clockTicks()));
        p.setProperty("processes", Integer.toString(processes));
        p.setProperty("source_root", root.toAbsolutePath().toString());
        // Checked beside the live /proc only: recorded so that doctor on the capture judges as live doctor did.
        p.setProperty(CaptureLayout.CONTAINER_MARKERS, ContainerEvidence.formatMarkers(ContainerEvidence.markers(root)));
        if (kernelLogGap != null) p.setProperty(CaptureLayout.KERNEL_LOG_GAP, kernelLogGap.name());
        var out = new ByteArrayOutputStream();
        p.store(out, "procward capture");
        entry(CaptureLayout.PROPERTIES, out.toByteArray(), out.size());
    }

    private boolean copy(Path file, String name) throws IOException {
        int n;
        try {
            n = reader.read(file);
        } catch (IOException e) {
            if (!(e instanceof java.nio.file.NoSuchFileException)) unreadable++;
            return false;
        }
        entry(name, reader.buffer(), n);
        return true;
    }

    private void link(Path link, String name) {
        try {
            addLink(name, Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            unreadable++;
        }
    }

    private void addLink(String name, String target) {
        byte[] a = name.getBytes(StandardCharsets.UTF_8), b = target.getBytes(StandardCharsets.UTF_8);
        symlinks.writeBytes(a);
        symlinks.write(0);
        symlinks.writeBytes(b);
        symlinks.write(0);
        links++;
    }

    private static String[] listNames(Path dir) {
        try (var s = Files.list(dir)) {
            String[] names = s.map(p -> p.getFileName().toString()).toArray(String[]::new);
            Arrays.sort(names);
            return names;
        } catch (IOException | java.io.UncheckedIOException e) {
            return new String[0];
        }
    }

    private void entry(String name, byte[] data, int len) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data, 0, len);
        zip.closeEntry();
        files++;
        bytes += len;
    }
}
