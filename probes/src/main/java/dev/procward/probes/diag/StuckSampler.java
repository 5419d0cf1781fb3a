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
import java.util.Set;

/**
 * Samples every thread the way psn does: one sweep reads each thread's {@code stat}; only threads
 * in a wanted state go on to have their {@code syscall}, {@code wchan} and (where readable)
 * {@code stack} read, and D-state threads in a call on a descriptor have that descriptor resolved
 * to a path and a mount. Reading only stat for the sleeping majority is what keeps a sweep over
 * 10k threads within tens of milliseconds.
 *
 * <p>Not thread-safe: one sampler per sampling thread (it reuses a read buffer). A sweep over many
 * processes reads stat files on several CPUs at once.
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
            int[] pids = rootFd >= 0 ? listRoot(rootFd) : Snapshotter.pids(rootPath);
            // Phase 1, the hot path: every thread's stat, read in parallel on big hosts (the kernel's
            // work to render stat dominates and scales with CPUs). Phase 2 details the few matches.
            int chunks = !parallel || pids.length < PARALLEL_PIDS ? 1 : Math.min(PARALLELISM * 4, (pids.length + 63) / 64);
            Scan[] scans = new Scan[chunks];
            if (chunks == 1) {
                scans[0] = scan(pids, 0, pids.length, rootFd, sweepNo);
            } else {
                java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> scans[c] = scan(pids,
                        (int) ((long) pids.length * c / chunks), (int) ((long) pids.length * (c + 1) / chunks), rootFd, sweepNo));
            }
            if (rootFd >= 0) statFds.forgetUnseen(sweepNo);
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

    private static final int PARALLEL_PIDS = 512;
    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** A thread in a wanted state, with the stat text it was seen with. */
    private record Match(int pid, String tidName, String stat) {}

    private static final class Scan {
        int threads, running, blocked;
        final List<Match> matches = new ArrayList<>();

        /** Counts one thread's stat; a match keeps its text for phase 2. */
        void count(int pid, String tidName, byte[] buffer, int n, boolean[] wanted) {
            char state = stateOf(buffer, n);
            if (state == 0) return;
            threads++;
            if (state == 'R') running++;
            else if (state == 'D') blocked++;
            if (state < 128 && wanted[state]) {
                matches.add(new Match(pid, tidName, new String(buffer, 0, n, StandardCharsets.UTF_8)));
            }
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

    private Scan scan(int[] pids, int from, int to, int rootFd, int sweepNo) {
        if (rootFd < 0) return scan(pids, from, to, new byte[4096]);
        boolean keep = keepDescriptors;
        Scan sc = new Scan();
        StringBuilder name = new StringBuilder(32);
        try (var reader = new DirectoryReader(4096)) {
            for (int i = from; i < to; i++) {
                int pid = pids[i];
                if (pid == excludePid) continue;
                name.setLength(0);
                int taskFd = reader.openDirectory(rootFd, name.append(pid).append("/task"));
                if (taskFd < 0) continue; // vanished, or not a process directory
                try {
                    for (int tid : reader.numericEntries(taskFd)) {
                        int n = statFds.read(reader, taskFd, tid, sweepNo, name, keep);
                        if (n > 0) sc.count(pid, Integer.toString(tid), reader.bytes(), n, wanted);
                    }
                } finally {
                    reader.close(taskFd);
                }
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
                if (n > 0) sc.count(pid, tidName, buffer, n, wanted);
            }
        }
        return sc;
    }

    /**
     * Open {@code task/TID/stat} descriptors kept from sweep to sweep: a /proc file renders afresh
     * on every read from offset 0, so a warm sweep costs one {@code pread} per thread instead of
     * {@code openat}, {@code read} and {@code close}. A descriptor stays bound to its thread: once
     * the thread has gone its reads fail (ESRCH) even if the tid is reused, and it is reopened.
     * Bounded to a quarter of the descriptor limit; threads beyond that are read the cold way.
     */
    private static final class StatFds {
        /** tid → {descriptor, last sweep that listed it}. */
        private final java.util.concurrent.ConcurrentHashMap<Integer, int[]> open = new java.util.concurrent.ConcurrentHashMap<>();
        private final int capacity;

        StatFds() {
            this.capacity = statFdCapacity();
        }

        /**
         * Reads the thread's stat into the reader: the length, or a negative number when it is gone.
         * {@code keep} false reads the cold way only (open, read, close).
         */
        int read(DirectoryReader reader, int taskFd, int tid, int sweepNo, StringBuilder name, boolean keep) {
            if (!keep) {
                name.setLength(0);
                return reader.read(taskFd, name.append(tid).append("/stat"));
            }
            int[] kept = open.get(tid);
            if (kept != null) {
                int n = reader.reread(kept[0]);
                if (n > 0) {
                    kept[1] = sweepNo;
                    return n;
                }
                open.remove(tid);
                reader.close(kept[0]);
            }
            name.setLength(0);
            name.append(tid).append("/stat");
            if (open.size() >= capacity) return reader.read(taskFd, name);
            int fd = reader.openFile(taskFd, name);
            if (fd < 0) return fd;
            int n = reader.reread(fd);
            if (n > 0) open.put(tid, new int[] {fd, sweepNo});
            else reader.close(fd);
            return n;
        }

        /** Closes the descriptors of threads the last sweep did not list (they have exited). */
        void forgetUnseen(int sweepNo) {
            if (open.isEmpty()) return;
            try (var r = new DirectoryReader(256)) {
                open.values().removeIf(kept -> {
                    if (kept[1] == sweepNo) return false;
                    r.close(kept[0]);
                    return true;
                });
            }
        }

        void closeAll() {
            forgetUnseen(Integer.MIN_VALUE);
        }
    }

    /** A quarter of the soft descriptor limit, at most 64k: room for the rest of the process. */
    private static int statFdCapacity() {
        try {
            long soft = dev.procward.libc.Limits.getrlimit(dev.procward.libc.Limits.Resource.NOFILE).soft();
            return soft < 0 ? 65_536 : (int) Math.min(65_536, soft / 4);
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /**
     * Keep each thread's {@code stat} open between sweeps (until {@link #close()}): a warm sweep
     * then costs one {@code pread} per thread. For a sampler that sweeps repeatedly; it holds up to
     * a quarter of the descriptor limit. {@link #sample} does this by itself for its duration.
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
            if (n <= 0 || !states.contains(stateOf(buf, n))) continue;
            ThreadActivity a = detail(pid, tidName, new String(buf, 0, n, StandardCharsets.UTF_8));
            if (a != null) out.add(a);
        }
        return out;
    }

    /**
     * Sweeps at {@code hz} for {@code duration} (at least one sweep), on a fixed-rate schedule: a
     * slow sweep delays the next rather than piling up.
     */
    public List<Sweep> sample(double hz, java.time.Duration duration) throws InterruptedException {
        long period = (long) (1_000_000_000L / hz);
        long end = System.nanoTime() + duration.toNanos();
        List<Sweep> sweeps = new ArrayList<>();
        boolean keptBefore = keepDescriptors;
        keepDescriptors = true;
        try {
            long next = System.nanoTime();
            do {
                sweeps.add(sweep());
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0 && next < end) Thread.sleep(java.time.Duration.ofNanos(wait));
            } while (System.nanoTime() < end);
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

    /** The state letter of a stat line: the character after the LAST ')' and a blank. */
    private static char stateOf(byte[] buf, int n) {
        for (int i = n - 1; i > 0; i--) {
            if (buf[i] == ')') return i + 2 < n ? (char) buf[i + 2] : 0;
        }
        return 0;
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
