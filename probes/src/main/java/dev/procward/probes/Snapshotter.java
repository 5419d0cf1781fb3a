package dev.procward.probes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Reads processes from a /proc root, opening only the files the requested {@link Field}s need and
 * reading each whole into a reused buffer. A process that exits, or a file the caller may not read,
 * becomes a {@link Gap} on that process; nothing here throws for one process's sake.
 *
 * <p>Large listings are read by a few workers in parallel, each with its own buffer; the kernel's
 * work to render each file dominates, and it scales with cores.
 */
public final class Snapshotter {
    private static final int PARALLEL_THRESHOLD = 512;
    private static final int CHUNK = 256;

    private Snapshotter() {}

    /** Every process in the root. */
    public static ProcessTable take(Path root, Set<Field> fields) {
        return take(root, fields, pid -> true);
    }

    /** The processes whose pid the filter accepts (the filter runs before any file is opened). */
    public static ProcessTable take(Path root, Set<Field> fields, IntPredicate pidFilter) {
        SystemInfo system = SystemInfo.read(root);
        int[] pids = Arrays.stream(pids(root)).filter(pidFilter).toArray();
        Set<Field> wanted = fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields);
        ProcessSnapshot[] out = new ProcessSnapshot[pids.length];
        if (pids.length < PARALLEL_THRESHOLD) {
            readRange(root, wanted, pids, out, 0, pids.length);
        } else {
            int chunks = (pids.length + CHUNK - 1) / CHUNK;
            IntStream.range(0, chunks).parallel().forEach(c ->
                    readRange(root, wanted, pids, out, c * CHUNK, Math.min(pids.length, (c + 1) * CHUNK)));
        }
        List<ProcessSnapshot> present = new ArrayList<>(out.length);
        for (ProcessSnapshot p : out) if (p != null) present.add(p);
        return new ProcessTable(system, present, out.length - present.size());
    }

    /** One process, or empty when it does not exist (or vanished before it could be read). */
    public static Optional<ProcessSnapshot> takeOne(Path root, int pid, Set<Field> fields) {
        if (pid <= 0) return Optional.empty();
        Set<Field> wanted = fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields);
        return Optional.ofNullable(new Worker(root, wanted).process(pid));
    }

    /**
     * The threads of one process ({@code task/}), reading {@link Field#STAT}, {@link Field#STATUS}
     * and {@link Field#WCHAN} as requested. Empty when the process is gone.
     */
    public static List<ThreadSample> threads(Path root, int pid, Set<Field> fields) {
        Path task = root.resolve(Integer.toString(pid)).resolve("task");
        int[] tids = leaderFirst(numericEntries(task), pid);
        var worker = new Worker(root, fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields));
        List<ThreadSample> out = new ArrayList<>(tids.length);
        for (int tid : tids) {
            ThreadSample t = worker.thread(pid, task.resolve(Integer.toString(tid)), tid);
            if (t != null) out.add(t);
        }
        return out;
    }

    /**
     * The group leader first, as the kernel's own task/ order and procps show it; the rest
     * ascending. After a pid wrap the leader's tid can be higher than its threads'.
     */
    private static int[] leaderFirst(int[] ascending, int leader) {
        int at = Arrays.binarySearch(ascending, leader);
        if (at > 0) {
            System.arraycopy(ascending, 0, ascending, 1, at);
            ascending[0] = leader;
        }
        return ascending;
    }

    /** The numeric entries of the root, ascending. */
    public static int[] pids(Path root) {
        return numericEntries(root);
    }

    private static int[] numericEntries(Path dir) {
        int[] pids = new int[256];
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                int pid = parsePid(p.getFileName().toString());
                if (pid <= 0) continue;
                if (n == pids.length) pids = Arrays.copyOf(pids, n * 2);
                pids[n++] = pid;
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // A vanished task/ directory or an unreadable root lists as empty.
        }
        int[] result = Arrays.copyOf(pids, n);
        Arrays.sort(result);
        return result;
    }

    private static int parsePid(String name) {
        int n = name.length();
        if (n == 0 || n > 9) return -1;
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void readRange(Path root, Set<Field> fields, int[] pids, ProcessSnapshot[] out, int from, int to) {
        var worker = new Worker(root, fields);
        for (int i = from; i < to; i++) out[i] = worker.process(pids[i]);
    }

    /** Reads processes one after another with one buffer. */
    private static final class Worker {
        private final Path root;
        private final Set<Field> fields;
        private final ProcFileReader reader = new ProcFileReader(4096);

        Worker(Path root, Set<Field> fields) {
            this.root = root;
            this.fields = fields;
        }

        ProcessSnapshot process(int pid) {
            Path dir = root.resolve(Integer.toString(pid));
            var r = new Reading(dir);
            ProcStat stat = fields.contains(Field.STAT) ? r.parse("stat", ProcStat::parse) : null;
            ProcStatus status = fields.contains(Field.STATUS) ? r.parse("status", ProcStatus::parse) : null;
            Cmdline cmdline = fields.contains(Field.CMDLINE) ? r.cmdline() : null;
            Statm statm = fields.contains(Field.STATM) ? r.parse("statm", Statm::parse) : null;
            SmapsRollup memory = fields.contains(Field.SMAPS_ROLLUP) ? r.memory() : null;
            String wchan = fields.contains(Field.WCHAN) ? r.text("wchan") : null;
            Namespaces ns = fields.contains(Field.NAMESPACES) ? r.namespaces() : null;
            if (r.goneBeforeAnything) return null;
            if (fields.isEmpty() && !Files.isDirectory(dir)) return null;
            return new ProcessSnapshot(pid, stat, status, cmdline, statm, memory, wchan, ns, r.gaps);
        }

        ThreadSample thread(int tgid, Path dir, int tid) {
            var r = new Reading(dir);
            ProcStat stat = fields.contains(Field.STAT) ? r.parse("stat", ProcStat::parse) : null;
            ProcStatus status = fields.contains(Field.STATUS) ? r.parse("status", ProcStatus::parse) : null;
            String wchan = fields.contains(Field.WCHAN) ? r.text("wchan") : null;
            if (r.goneBeforeAnything) return null;
            return new ThreadSample(tgid, tid, stat, status, wchan, r.gaps);
        }

        /** The reads of one pid directory, collecting gaps. */
        private final class Reading {
            final Path dir;
            final List<Gap> gaps = new ArrayList<>(0);
            boolean readSomething;
            boolean goneBeforeAnything;

            Reading(Path dir) {
                this.dir = dir;
            }

            <T> T parse(String file, java.util.function.Function<String, T> parser) {
                String text = text(file);
                if (text == null) return null;
                try {
                    return parser.apply(text);
                } catch (ProcParseException e) {
                    gaps.add(new Gap(file, Gap.Reason.MALFORMED));
                    return null;
                }
            }

            String text(String file) {
                try {
                    String s = reader.readString(dir.resolve(file));
                    readSomething = true;
                    return file.equals("wchan") ? s.strip() : s;
                } catch (IOException e) {
                    fail(file, e);
                    return null;
                }
            }

            Cmdline cmdline() {
                try {
                    int n = reader.read(dir.resolve("cmdline"));
                    readSomething = true;
                    return Cmdline.parse(reader.buffer(), n);
                } catch (IOException e) {
                    fail("cmdline", e);
                    return null;
                }
            }

            SmapsRollup memory() {
                try {
                    String s = reader.readString(dir.resolve("smaps_rollup"));
                    readSomething = true;
                    return SmapsRollup.parse(s);
                } catch (NoSuchFileException e) {
                    if (!Files.isDirectory(dir)) {
                        fail("smaps_rollup", e);
                        return null;
                    }
                    return parse("smaps", SmapsRollup::parse); // kernels before 4.14
                } catch (IOException e) {
                    fail("smaps_rollup", e);
                    return null;
                } catch (ProcParseException e) {
                    gaps.add(new Gap("smaps_rollup", Gap.Reason.MALFORMED));
                    return null;
                }
            }

            Namespaces namespaces() {
                Path ns = dir.resolve("ns");
                Map<String, Long> inodes = new TreeMap<>();
                for (String type : Namespaces.TYPES) {
                    try {
                        inodes.put(type, Namespaces.parseLink(Files.readSymbolicLink(ns.resolve(type)).toString()));
                        readSomething = true;
                    } catch (NoSuchFileException e) {
                        if (!Files.isDirectory(dir)) {
                            fail("ns", e);
                            return null;
                        } // else: this kernel has no such namespace type
                    } catch (IOException e) {
                        fail("ns", e);
                        return inodes.isEmpty() ? null : new Namespaces(inodes);
                    } catch (ProcParseException | UnsupportedOperationException e) {
                        gaps.add(new Gap("ns", Gap.Reason.MALFORMED));
                        return null;
                    }
                }
                return new Namespaces(inodes);
            }

            private void fail(String file, IOException e) {
                boolean pidGone = !Files.isDirectory(dir);
                if (pidGone && !readSomething) goneBeforeAnything = true;
                gaps.add(Gap.of(file, e, pidGone));
            }
        }
    }
}
