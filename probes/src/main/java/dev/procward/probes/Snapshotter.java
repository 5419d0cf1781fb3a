package dev.procward.probes;

import java.nio.charset.StandardCharsets;
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
        // A one-shot command's first take goes through java.nio: linking the native path costs
        // more than it saves once (TaskReader.NativeSupport has the figures).
        return take(root, fields, pidFilter, TaskReader.NativeSupport.worthLinking());
    }

    /** {@code nativeReads} false reads through java.nio even where the native path would serve. */
    static ProcessTable take(Path root, Set<Field> fields, IntPredicate pidFilter, boolean nativeReads) {
        SystemInfo system = SystemInfo.read(root);
        Set<Field> wanted = wanted(fields);
        try (TaskReader.Root r = TaskReader.open(root, nativeReads)) {
            int[] pids;
            try (TaskReader lister = r.reader(256)) {
                pids = Arrays.stream(lister.numericEntries("")).filter(pidFilter).toArray();
            }
            ProcessSnapshot[] out = new ProcessSnapshot[pids.length];
            if (pids.length < PARALLEL_THRESHOLD) {
                readRange(r, wanted, pids, out, 0, pids.length);
            } else {
                int chunks = (pids.length + CHUNK - 1) / CHUNK;
                IntStream.range(0, chunks).parallel().forEach(c ->
                        readRange(r, wanted, pids, out, c * CHUNK, Math.min(pids.length, (c + 1) * CHUNK)));
            }
            List<ProcessSnapshot> present = new ArrayList<>(out.length);
            for (ProcessSnapshot p : out) if (p != null) present.add(p);
            return new ProcessTable(system, present, out.length - present.size());
        }
    }

    /** One process, or empty when it does not exist (or vanished before it could be read). */
    public static Optional<ProcessSnapshot> takeOne(Path root, int pid, Set<Field> fields) {
        if (pid <= 0) return Optional.empty();
        try (TaskReader.Root r = TaskReader.open(root); var worker = new Worker(r, wanted(fields))) {
            return Optional.ofNullable(worker.process(pid));
        }
    }

    /**
     * The threads of one process ({@code task/}), reading {@link Field#STAT}, {@link Field#STATUS}
     * and {@link Field#WCHAN} as requested. Empty when the process is gone.
     */
    public static List<ThreadSample> threads(Path root, int pid, Set<Field> fields) {
        try (TaskReader.Root r = TaskReader.open(root); var worker = new Worker(r, wanted(fields))) {
            String task = pid + "/task";
            int[] tids = leaderFirst(worker.reader.numericEntries(task), pid);
            List<ThreadSample> out = new ArrayList<>(tids.length);
            for (int tid : tids) {
                ThreadSample t = worker.thread(pid, task + "/" + tid, tid);
                if (t != null) out.add(t);
            }
            return out;
        }
    }

    private static Set<Field> wanted(Set<Field> fields) {
        return fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields);
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
        try (TaskReader.Root r = TaskReader.open(root); TaskReader lister = r.reader(256)) {
            return lister.numericEntries("");
        }
    }

    private static void readRange(TaskReader.Root root, Set<Field> fields, int[] pids, ProcessSnapshot[] out, int from, int to) {
        try (var worker = new Worker(root, fields)) {
            for (int i = from; i < to; i++) out[i] = worker.process(pids[i]);
        }
    }

    /** A parser of a whole file's bytes, {@code b[0, length)}. */
    private interface BytesParser<T> {
        T parse(byte[] b, int length);
    }

    /** Reads processes one after another with one reader and its buffer. */
    private static final class Worker implements AutoCloseable {
        private final Set<Field> fields;
        private final TaskReader reader;

        Worker(TaskReader.Root root, Set<Field> fields) {
            this.fields = fields;
            this.reader = root.reader(4096);
        }

        ProcessSnapshot process(int pid) {
            var r = new Reading(Integer.toString(pid));
            ProcStat stat = fields.contains(Field.STAT) ? r.stat() : null;
            ProcStatus status = fields.contains(Field.STATUS) ? r.parseBytes("status", ProcStatus::parse) : null;
            Cmdline cmdline = fields.contains(Field.CMDLINE) ? r.cmdline() : null;
            Statm statm = fields.contains(Field.STATM) ? r.parse("statm", Statm::parse) : null;
            SmapsRollup memory = fields.contains(Field.SMAPS_ROLLUP) ? r.memory() : null;
            String wchan = fields.contains(Field.WCHAN) ? r.wchan() : null;
            Namespaces ns = fields.contains(Field.NAMESPACES) ? r.namespaces() : null;
            if (r.goneBeforeAnything) return null;
            if (fields.isEmpty() && !reader.isDirectory(r.dir)) return null;
            return new ProcessSnapshot(pid, stat, status, cmdline, statm, memory, wchan, ns, r.gaps());
        }

        ThreadSample thread(int tgid, String dir, int tid) {
            var r = new Reading(dir);
            ProcStat stat = fields.contains(Field.STAT) ? r.stat() : null;
            ProcStatus status = fields.contains(Field.STATUS) ? r.parseBytes("status", ProcStatus::parse) : null;
            String wchan = fields.contains(Field.WCHAN) ? r.wchan() : null;
            if (r.goneBeforeAnything) return null;
            return new ThreadSample(tgid, tid, stat, status, wchan, r.gaps());
        }

        @Override
        public void close() {
            reader.close();
        }

        /** The reads of one pid (or task) directory, collecting gaps. */
        private final class Reading {
            final String dir;
            private List<Gap> gaps;
            boolean readSomething;
            boolean goneBeforeAnything;

            Reading(String dir) {
                this.dir = dir;
            }

            List<Gap> gaps() {
                return gaps == null ? List.of() : gaps;
            }

            /** Reads a file: its length in the reader's buffer, or -1 with the gap recorded. */
            private int read(String file) {
                int n = reader.read(dir, file);
                if (n >= 0) readSomething = true;
                else fail(file);
                return n;
            }

            ProcStat stat() {
                return parseBytes("stat", ProcStat::parse);
            }

            /** Parses the file in place in the reader's buffer, its bytes {@code [0, length)}. */
            <T> T parseBytes(String file, BytesParser<T> parser) {
                int n = read(file);
                if (n < 0) return null;
                try {
                    return parser.parse(reader.bytes(), n);
                } catch (ProcParseException e) {
                    gap(new Gap(file, Gap.Reason.MALFORMED));
                    return null;
                }
            }

            <T> T parse(String file, java.util.function.Function<String, T> parser) {
                String text = text(file);
                if (text == null) return null;
                try {
                    return parser.apply(text);
                } catch (ProcParseException e) {
                    gap(new Gap(file, Gap.Reason.MALFORMED));
                    return null;
                }
            }

            String text(String file) {
                int n = read(file);
                return n < 0 ? null : new String(reader.bytes(), 0, n, StandardCharsets.UTF_8);
            }

            String wchan() {
                String s = text("wchan");
                return s == null ? null : s.strip();
            }

            Cmdline cmdline() {
                int n = read("cmdline");
                return n < 0 ? null : Cmdline.parse(reader.bytes(), n);
            }

            SmapsRollup memory() {
                String s = text("smaps_rollup");
                if (s == null) {
                    if (reader.failure().reason() != Gap.Reason.MISSING) return null;
                    gaps.removeLast(); // kernels before 4.14: no smaps_rollup, but smaps
                    return parse("smaps", SmapsRollup::parse);
                }
                try {
                    return SmapsRollup.parse(s);
                } catch (ProcParseException e) {
                    gap(new Gap("smaps_rollup", Gap.Reason.MALFORMED));
                    return null;
                }
            }

            Namespaces namespaces() {
                Map<String, Long> inodes = new TreeMap<>();
                String nsDir = dir + "/ns";
                for (String type : Namespaces.TYPES) {
                    String target = reader.readLink(nsDir, type);
                    if (target == null) {
                        TaskReader.Failure f = reader.failure();
                        if (f.reason() == Gap.Reason.MALFORMED) {
                            gap(new Gap("ns", Gap.Reason.MALFORMED));
                            return null;
                        }
                        boolean pidGone = !reader.isDirectory(dir);
                        if (f.reason() == Gap.Reason.MISSING || f.reason() == Gap.Reason.VANISHED) {
                            if (pidGone) {
                                failed("ns", Gap.Reason.VANISHED, true);
                                return null;
                            }
                            continue; // this kernel has no such namespace type
                        }
                        failed("ns", f.reason(), pidGone);
                        return inodes.isEmpty() ? null : new Namespaces(inodes);
                    }
                    try {
                        inodes.put(type, Namespaces.parseLink(target));
                        readSomething = true;
                    } catch (ProcParseException e) {
                        gap(new Gap("ns", Gap.Reason.MALFORMED));
                        return null;
                    }
                }
                return new Namespaces(inodes);
            }

            private void fail(String file) {
                TaskReader.Failure f = reader.failure();
                failed(file, f.reason(), f.dirGone());
            }

            private void failed(String file, Gap.Reason reason, boolean pidGone) {
                if (pidGone && !readSomething) goneBeforeAnything = true;
                gap(new Gap(file, reason));
            }

            private void gap(Gap g) {
                if (gaps == null) gaps = new ArrayList<>(2);
                gaps.add(g);
            }
        }
    }
}
