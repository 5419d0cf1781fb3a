package dev.procward.probes.diag;

import dev.procward.libc.DirectoryReader;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.ProcStat;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.kernel.KernelStack;
import dev.procward.probes.kernel.MountInfo;
import dev.procward.probes.kernel.ProcFiles;
import dev.procward.probes.kernel.SyscallTable;
import dev.procward.probes.kernel.ThreadSyscall;
import dev.procward.probes.kernel.Wchan;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Samples every thread the way psn does: one sweep reads each thread's {@code stat}; only threads
 * in a wanted state go on to have their {@code syscall}, {@code wchan} and (where readable)
 * {@code stack} read, and D-state threads in a call on a descriptor have that descriptor resolved
 * to a path and a mount. Reading only stat for the sleeping majority is what keeps a sweep over
 * 10k threads within tens of milliseconds.
 *
 * <p>Not thread-safe: one sampler per sampling thread (it reuses a read buffer). A sweep over many
 * threads reads stat files on several CPUs at once.
 */
public final class StuckSampler implements AutoCloseable {

    /** Columns a report can group by. */
    public enum Column {
        PID, TID, COMM, STATE, SYSCALL, WCHAN, KSTACK, FILE, MOUNT;

        public static Column parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown column '" + name.strip() + "' (choose from pid, tid, comm, state, syscall, wchan, kstack, file, mount)");
            }
        }
    }

    /** D only: the default. */
    public static final Set<Character> UNINTERRUPTIBLE = Set.of('D');
    /** D, R and the other states that are not plain sleep: what {@code -a} shows. */
    public static final Set<Character> ACTIVE = Set.of('D', 'R', 'T', 't', 'W', 'X', 'P');

    private static final int STACK_FRAMES = 6;

    private final String root;
    private final Path rootPath;
    private final Set<Character> states;
    /** {@link #states} as a table by letter: the hot loop tests it once per thread. */
    private final boolean[] wanted = new boolean[128];
    private final boolean readStack;
    private final int excludePid;
    private final SyscallTable syscalls;
    private final byte[] buf = new byte[4096];
    private final Map<String, MountInfo> mountsByNamespace = new HashMap<>();
    private boolean parallel = true;
    private volatile boolean nativeReads = true;
    private final StatFds statFds = new StatFds();
    private volatile boolean keepDescriptors;
    private int sweeps;

    /**
     * @param procRoot   the /proc root
     * @param states     which states to report
     * @param readStack  read {@code stack} of reported threads (it needs root; a refusal is remembered)
     * @param excludePid a pid to leave out (the sampler's own process on a live root), or -1
     */
    public StuckSampler(Path procRoot, Set<Character> states, boolean readStack, int excludePid, SyscallTable syscalls) {
        this.rootPath = procRoot;
        this.root = procRoot.toString();
        this.states = Set.copyOf(states);
        for (char c : this.states) if (c < 128) wanted[c] = true;
        this.readStack = readStack;
        this.excludePid = excludePid;
        this.syscalls = syscalls;
    }

    /**
     * One pass over every thread.
     *
     * @param nanoTime when the sweep started ({@link System#nanoTime()})
     * @param threads  threads seen
     * @param running  threads in R
     * @param blocked  threads in D
     * @param active   the threads in a wanted state, with their details
     */
    public record Sweep(long nanoTime, int threads, int running, int blocked, List<ThreadActivity> active) {}

    public Sweep sweep() {
        long start = System.nanoTime();
        int sweepNo = ++sweeps;
        int rootFd = nativeReads ? openRoot() : -1;
        try {
            // Phase 1, the hot path: every thread's stat. Phase 2 details the few matches.
            List<Scan> scans = rootFd >= 0 ? scanNative(rootFd, sweepNo) : scanJdk();
            int threads = 0, running = 0, blocked = 0;
            List<ThreadActivity> active = new ArrayList<>();
            for (Scan sc : scans) {
                threads += sc.threads;
                running += sc.running;
                blocked += sc.blocked;
                for (Match m : sc.matches) {
                    ThreadActivity a = detail(m.pid, m.tidName, m.stat);
                    if (a != null) active.add(a);
                }
            }
            return new Sweep(start, threads, running, blocked, active);
        } finally {
            if (rootFd >= 0) closeRoot(rootFd);
        }
    }

    /** Below these counts a sweep stays on the calling thread: waking another costs more than it saves. */
    private static final int PARALLEL_PIDS = 512;
    private static final int PARALLEL_THREADS = 1024;
    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Lists every process's threads, then reads their stat files in chunks of the thread list: the
     * kernel's work to render stat dominates and scales with CPUs, and splitting by thread rather
     * than by process spreads 10k threads of a few processes over the CPUs as well as 10k
     * single-threaded processes. The kept descriptors change only after the chunks are joined.
     */
    private List<Scan> scanNative(int rootFd, int sweepNo) {
        int[] pids = listRoot(rootFd);
        IntPairs listed = IntPairs.concat(inChunks(pids.length, listingChunks(pids.length),
                (from, to) -> listThreads(rootFd, pids, from, to)));
        lastListed = listed.size();
        boolean keep = keepDescriptors;
        List<Scan> scans = inChunks(listed.size(), chunks(listed.size(), PARALLEL_THREADS, 256),
                (from, to) -> scan(listed, from, to, rootFd, keep));
        statFds.endSweep(scans.stream().map(sc -> sc.fds).filter(Objects::nonNull).toList(), sweepNo);
        return scans;
    }

    /** The same sweep through the JDK's streams (roots the native reader cannot open), split by process. */
    private List<Scan> scanJdk() {
        int[] pids = Snapshotter.pids(rootPath);
        return inChunks(pids.length, chunks(pids.length, PARALLEL_PIDS, 64), (from, to) -> scan(pids, from, to, new byte[4096]));
    }

    /** Threads the previous sweep listed: a hint for splitting the next listing. */
    private int lastListed;

    /**
     * Listing {@code task/} costs ~0.75 µs per thread here (the kernel fills a dentry for each), so
     * 10k threads take 7–8 ms to list even in 10 processes: a host that had many threads last
     * sweep lists in parallel too, in small chunks of processes, for the few that hold most of
     * the threads to spread over the CPUs.
     */
    private int listingChunks(int pids) {
        if (!parallel || (pids < PARALLEL_PIDS && lastListed < PARALLEL_THREADS)) return 1;
        return Math.min(pids, PARALLELISM * 16);
    }

    /** How many chunks {@code size} items make: one below {@code threshold}, else a few per CPU of at least {@code least}. */
    private int chunks(int size, int threshold, int least) {
        return !parallel || size < threshold ? 1 : Math.min(PARALLELISM * 4, (size + least - 1) / least);
    }

    private interface ChunkWork<T> {
        T run(int from, int to);
    }

    /** Runs {@code work} over {@code chunks} consecutive ranges of [0, size), on the calling thread and the common pool. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> inChunks(int size, int chunks, ChunkWork<T> work) {
        if (chunks <= 1) return List.of(work.run(0, size));
        T[] out = (T[]) new Object[chunks];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c ->
                out[c] = work.run((int) ((long) size * c / chunks), (int) ((long) size * (c + 1) / chunks)));
        return java.util.Arrays.asList(out);
    }

    /** A thread in a wanted state, with the stat text it was seen with. */
    private record Match(int pid, String tidName, String stat) {}

    /** What one chunk of a sweep saw, and the descriptors it opened or found stale. */
    private static final class Scan {
        int threads, running, blocked;
        final List<Match> matches = new ArrayList<>();
        /** What this chunk did to the kept descriptors; null when it keeps none. */
        StatFds.Changes fds;

        /** Counts one thread's stat: true when the thread is in a wanted state. */
        boolean count(byte[] buffer, int n, boolean[] wanted) {
            char state = ProcStat.stateOf(buffer, n);
            if (state == 0) return false;
            threads++;
            if (state == 'R') running++;
            else if (state == 'D') blocked++;
            return state < 128 && wanted[state];
        }

        void match(int pid, String tidName, byte[] buffer, int n) {
            matches.add(new Match(pid, tidName, new String(buffer, 0, n, StandardCharsets.UTF_8)));
        }
    }

    /** The root's descriptor for one sweep, or -1 (and the JDK's reads from now on) without native access. */
    private int openRoot() {
        try (var r = new DirectoryReader(256)) {
            int fd = r.openDirectory(DirectoryReader.AT_FDCWD, root);
            if (fd < 0) nativeReads = false; // not a directory of the default file system
            return fd;
        } catch (LinkageError | IllegalCallerException | UnsupportedOperationException e) {
            nativeReads = false; // no native access here: the JDK's streams do the same, slower
            return -1;
        }
    }

    private static void closeRoot(int fd) {
        try (var r = new DirectoryReader(256)) {
            r.close(fd);
        }
    }

    private static int[] listRoot(int rootFd) {
        try (var r = new DirectoryReader(256)) {
            int[] pids = r.numericEntries(rootFd, ".");
            return pids == null ? new int[0] : pids;
        }
    }

    /** (pid, tid) of every thread of the processes {@code pids[from..to)}, but the excluded one. */
    private IntPairs listThreads(int rootFd, int[] pids, int from, int to) {
        IntPairs listed = new IntPairs(4 * (to - from));
        StringBuilder name = new StringBuilder(32);
        try (var reader = new DirectoryReader(256)) {
            for (int i = from; i < to; i++) {
                int pid = pids[i];
                if (pid == excludePid) continue;
                name.setLength(0);
                int[] tids = reader.numericEntries(rootFd, name.append(pid).append("/task"));
                if (tids == null) continue; // vanished, or not a process directory
                for (int tid : tids) listed.add(pid, tid);
            }
        }
        return listed;
    }

    /**
     * Reads the stat of the listed threads {@code [from, to)}. Allocation-free per thread, but for
     * a thread in a wanted state: a kept descriptor is found in a table of ints, and a stat file
     * opened anew is named relative to the root ({@code PID/task/TID/stat}: no task/ descriptor).
     */
    private Scan scan(IntPairs listed, int from, int to, int rootFd, boolean keep) {
        Scan sc = new Scan();
        if (keep) sc.fds = new StatFds.Changes(to - from);
        StringBuilder path = new StringBuilder(48);
        try (var reader = new DirectoryReader(4096)) {
            for (int i = from; i < to; i++) {
                int pid = listed.first(i);
                int tid = listed.second(i);
                int n = keep ? statFds.read(reader, rootFd, pid, tid, path, sc.fds)
                        : reader.read(rootFd, StatFds.statPath(path, pid, tid));
                if (n > 0 && sc.count(reader.bytes(), n, wanted)) sc.match(pid, Integer.toString(tid), reader.bytes(), n);
            }
        }
        return sc;
    }

    /** The same scan through the JDK's streams: for roots the native reader cannot open, and for comparison. */
    private Scan scan(int[] pids, int from, int to, byte[] buffer) {
        Scan sc = new Scan();
        StringBuilder path = new StringBuilder(64);
        for (int i = from; i < to; i++) {
            int pid = pids[i];
            if (pid == excludePid) continue;
            path.setLength(0);
            path.append(root).append('/').append(pid).append("/task");
            String[] tids = new File(path.toString()).list();
            if (tids == null) continue; // vanished, or not a process directory
            int dirLength = path.length();
            for (String tidName : tids) {
                path.setLength(dirLength);
                path.append('/').append(tidName).append("/stat");
                int n = read(path.toString(), buffer);
                if (n > 0 && sc.count(buffer, n, wanted)) sc.match(pid, tidName, buffer, n);
            }
        }
        return sc;
    }

    /**
     * Keep each thread's {@code stat} open between sweeps (until {@link #close()}): a warm sweep
     * then costs one {@code pread} per thread. For a sampler that sweeps repeatedly; it holds up to
     * the descriptor limit less a reserve (see {@link StatFds}). {@link #sample} does this by itself for its duration.
     */
    public StuckSampler keepDescriptors() {
        keepDescriptors = true;
        return this;
    }

    /**
     * Closes the stat descriptors kept between sweeps. The sampler stays usable; its next sweep
     * opens them again.
     */
    @Override
    public void close() {
        statFds.closeAll();
    }

    /** Read stat files through the JDK's streams instead of openat/read/close (for comparison). */
    public StuckSampler jdkReads() {
        nativeReads = false;
        return this;
    }

    /** Scan stat files on one thread only (for comparison; parallel is the default). */
    public StuckSampler sequential() {
        parallel = false;
        return this;
    }

    /** The threads of one process that are in a wanted state, with their details. */
    public List<ThreadActivity> process(int pid) {
        List<ThreadActivity> out = new ArrayList<>();
        String taskDir = root + "/" + pid + "/task";
        String[] tids = new File(taskDir).list();
        if (tids == null) return out;
        for (String tidName : tids) {
            int n = read(taskDir + "/" + tidName + "/stat", buf);
            if (n <= 0 || !states.contains(ProcStat.stateOf(buf, n))) continue;
            ThreadActivity a = detail(pid, tidName, new String(buf, 0, n, StandardCharsets.UTF_8));
            if (a != null) out.add(a);
        }
        return out;
    }

    /** Where {@link #sample} reads the time and waits: the system's, or a test's. */
    interface Clock {
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                Thread.sleep(java.time.Duration.ofNanos(nanos));
            }
        };

        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;
    }

    private Clock clock = Clock.SYSTEM;

    /** Paces {@link #sample} by {@code clock} (tests). */
    StuckSampler clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Sweeps at {@code hz} for {@code duration}: the first sweep at once, then one at each tick
     * {@code i / hz} seconds after it that falls before the end, so about {@code hz × duration}
     * sweeps (at least one). A sweep that overruns its tick skips the ticks it missed rather than
     * sweeping back to back to catch up.
     */
    public List<Sweep> sample(double hz, java.time.Duration duration) throws InterruptedException {
        double period = 1e9 / hz;
        long start = clock.nanoTime();
        long length = duration.toNanos();
        List<Sweep> sweeps = new ArrayList<>();
        boolean keptBefore = keepDescriptors;
        keepDescriptors = true;
        try {
            long tick = 0;
            while (true) {
                sweeps.add(sweep());
                long elapsed = clock.nanoTime() - start;
                // The next tick not yet past; ticks are counted from the start so that rounding does not drift.
                tick = Math.max(tick + 1, (long) Math.ceil(elapsed / period));
                long due = Math.round(tick * period);
                if (due >= length) break;
                if (due > elapsed) clock.sleepNanos(due - elapsed);
            }
        } finally {
            keepDescriptors = keptBefore;
            if (!keptBefore) close();
        }
        return sweeps;
    }

    /** Reads a small file into the buffer; -1 when it is gone or unreadable. */
    private static int read(String file, byte[] buf) {
        try (FileInputStream in = new FileInputStream(file)) {
            int n = 0;
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) n += r;
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    private ThreadActivity detail(int pid, String tidName, String statText) {
        ProcStat stat;
        try {
            stat = ProcStat.parse(statText);
        } catch (ProcParseException e) {
            return null;
        }
        int tid = stat.pid();
        boolean kernelThread = stat.kernelThread();
        Path tdir = rootPath.resolve(Integer.toString(pid)).resolve("task").resolve(tidName);
        String syscall;
        ThreadActivity.BlockedFile file = null;
        var sc = ThreadSyscall.read(rootPath, pid, tid);
        switch (sc.orElse(null)) {
            case ThreadSyscall.Running r -> syscall = "[running]";
            case ThreadSyscall.NotInSyscall ns -> syscall = kernelThread ? "[kernel thread]" : "[no syscall]";
            case ThreadSyscall.InSyscall in -> {
                syscall = syscalls.nameOrNumber(in.number());
                if (stat.state() == 'D' && syscalls.takesFdFirst(in.number())) {
                    file = blockedFile(pid, tdir, (int) in.arg(0));
                }
            }
            case null -> syscall = kernelThread ? "[kernel thread]" : "[unreadable]";
        }
        String wchan = Wchan.read(rootPath, pid, tid).orElse(java.util.Optional.empty()).orElse("-");
        String kstack = "-";
        if (readStack) {
            // Refused per process (EACCES/EPERM, even as root for some): a marked "-", never an error.
            KernelStack st = KernelStack.read(rootPath, pid, tid).orElse(null);
            if (st != null && !st.frames().isEmpty()) {
                List<String> frames = st.frames();
                kstack = String.join("->", frames.subList(0, Math.min(STACK_FRAMES, frames.size())));
            }
        }
        return new ThreadActivity(pid, tid, stat.comm(), stat.state(), syscall, wchan, kstack, file);
    }

    private ThreadActivity.BlockedFile blockedFile(int pid, Path tdir, int fd) {
        Path link = fd == -100 ? tdir.resolve("cwd") : tdir.resolve("fd").resolve(Integer.toString(fd));
        String path = ProcFiles.readLink(link).orElse("?");
        String clean = path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
        MountInfo mounts = clean.startsWith("/") ? mounts(pid) : null;
        var mount = mounts == null ? null : mounts.mountOf(clean).orElse(null);
        if (mount == null) return new ThreadActivity.BlockedFile(fd, path, null, null, null, null, false, false);
        return new ThreadActivity.BlockedFile(fd, path, mount.mountPoint(), mount.fsType(), mount.device(), mount.source(),
                mount.network(), mount.fuse());
    }

    /** The mount table of the process's mount namespace, read once per namespace per sampler. */
    private MountInfo mounts(int pid) {
        Path dir = rootPath.resolve(Integer.toString(pid));
        String ns = ProcFiles.readLink(dir.resolve("ns").resolve("mnt")).orElse("pid:" + pid);
        MountInfo cached = mountsByNamespace.get(ns);
        if (cached != null) return cached;
        MountInfo m = MountInfo.read(rootPath, pid).orElse(null);
        if (m != null) mountsByNamespace.put(ns, m);
        return m;
    }
}
