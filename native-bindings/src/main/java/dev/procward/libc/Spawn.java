package dev.procward.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a program with glibc's {@code posix_spawn}/{@code posix_spawnp}: a typed builder over
 * the spawn attributes and file actions.
 *
 * <p>posix_spawn is the only safe way to create a process from a JVM (DESIGN.md: a forked JVM
 * child can hang on an inherited safepoint); glibc builds it on {@code clone(CLONE_VM|CLONE_VFORK)}
 * and reports exec failures (ENOENT, EACCES …) as the call's own error, which becomes an
 * {@link ErrnoException} naming the program: {@code posix_spawnp(/nope): ENOENT (…)}.
 *
 * <p>Remember what children inherit: the caller's signal mask (so an init that blocked signals
 * must pass {@link #signalMask(SignalSet) signalMask(EMPTY)}) and every descriptor without
 * close-on-exec. Attribute and file-action functions are linked on first use only, and not at
 * all when a spawn needs none.
 *
 * <pre>{@code
 * int pid = Spawn.command("sh", "-c", "exit 7")
 *         .signalMask(SignalSet.EMPTY)
 *         .newSession()
 *         .start();
 * }</pre>
 */
public final class Spawn {

    static final int POSIX_SPAWN_RESETIDS = 0x01;
    static final int POSIX_SPAWN_SETPGROUP = 0x02;
    static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    static final int POSIX_SPAWN_SETSCHEDPARAM = 0x10;
    static final int POSIX_SPAWN_SETSCHEDULER = 0x20;
    static final int POSIX_SPAWN_SETSID = 0x80;

    /** Opaque glibc types: only their sizes matter here (checked by StructLayoutTest). */
    static final long SPAWNATTR_BYTES = 336;
    static final long FILE_ACTIONS_BYTES = 80;

    /**
     * posix_spawn's own shape, {@code int (void*, void*, void*, void*, void*, void*)}, and the only
     * one this family links: the attribute and file-action setters are declared with it too.
     * Each distinct shape costs a stub generated at run time (DESIGN.md: about 15 ms each, more in
     * procward init's interpreter), and this family had four. It is sound on the SysV x86_64 and
     * AAPCS64 calling conventions this module supports: the first six integer-class arguments
     * travel in registers whatever their C type, a callee reads only the registers of the
     * parameters it declares (an int or short from the low bits), and the caller cleans up. So an
     * {@code int} goes in as an address-sized value ({@link #word}) and unused slots are NULL.
     */
    private static final FunctionDescriptor SPAWN = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);

    /*
     * The spawn calls themselves sit in holder classes, linked on first use like the LazyHandles
     * below, but constant, so that the JIT inlines the downcall into a prepared spawn's start().
     */
    private static final class SpawnHandle {
        static final MethodHandle POSIX_SPAWN = Native.downcall("posix_spawn", SPAWN);
    }

    private static final class SpawnpHandle {
        static final MethodHandle POSIX_SPAWNP = Native.downcall("posix_spawnp", SPAWN);
    }

    private static final LazyHandle ATTR_INIT = new LazyHandle("posix_spawnattr_init", SPAWN);
    private static final LazyHandle ATTR_DESTROY = new LazyHandle("posix_spawnattr_destroy", SPAWN);
    private static final LazyHandle ATTR_SETFLAGS = new LazyHandle("posix_spawnattr_setflags", SPAWN);
    private static final LazyHandle ATTR_SETSIGMASK = new LazyHandle("posix_spawnattr_setsigmask", SPAWN);
    private static final LazyHandle ATTR_SETSIGDEFAULT = new LazyHandle("posix_spawnattr_setsigdefault", SPAWN);
    private static final LazyHandle ATTR_SETPGROUP = new LazyHandle("posix_spawnattr_setpgroup", SPAWN);
    private static final LazyHandle ATTR_SETSCHEDPOLICY = new LazyHandle("posix_spawnattr_setschedpolicy", SPAWN);
    private static final LazyHandle ATTR_SETSCHEDPARAM = new LazyHandle("posix_spawnattr_setschedparam", SPAWN);
    private static final LazyHandle FA_INIT = new LazyHandle("posix_spawn_file_actions_init", SPAWN);
    private static final LazyHandle FA_DESTROY = new LazyHandle("posix_spawn_file_actions_destroy", SPAWN);
    private static final LazyHandle FA_ADDDUP2 = new LazyHandle("posix_spawn_file_actions_adddup2", SPAWN);
    private static final LazyHandle FA_ADDOPEN = new LazyHandle("posix_spawn_file_actions_addopen", SPAWN);
    private static final LazyHandle FA_ADDCLOSE = new LazyHandle("posix_spawn_file_actions_addclose", SPAWN);
    private static final LazyHandle FA_ADDCLOSEFROM = new LazyHandle("posix_spawn_file_actions_addclosefrom_np", SPAWN);
    private static final LazyHandle FA_ADDCHDIR = new LazyHandle("posix_spawn_file_actions_addchdir_np", SPAWN);
    private static final LazyHandle FA_ADDTCSETPGRP = new LazyHandle("posix_spawn_file_actions_addtcsetpgrp_np", SPAWN);

    /** One step the child performs, in order, before exec. */
    private sealed interface FileAction {}

    private record Dup2(int from, int to) implements FileAction {}

    private record Open(int fd, String path, int flags, int mode) implements FileAction {}

    private record Close(int fd) implements FileAction {}

    private record CloseFrom(int lowest) implements FileAction {}

    private record Chdir(String path) implements FileAction {}

    private record Foreground(int ttyFd) implements FileAction {}

    private final List<String> argv;
    private String program;
    private boolean searchPath = true;
    private List<String> environment;
    private int flags;
    private SignalSet signalMask = SignalSet.EMPTY;
    private SignalSet defaultSignals = SignalSet.EMPTY;
    private int processGroup;
    private int schedPolicy;
    private int schedPriority;
    private final List<FileAction> actions = new ArrayList<>();

    private Spawn(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("argv is empty");
        this.argv = List.copyOf(argv);
        this.program = argv.getFirst();
    }

    /** A spawn of {@code argv}; argv[0] is the program, looked up on PATH as execvp does. */
    public static Spawn command(List<String> argv) {
        return new Spawn(argv);
    }

    public static Spawn command(String... argv) {
        return new Spawn(List.of(argv));
    }

    /** Executes {@code program} while passing argv as given (argv[0] may differ from the file). */
    public Spawn program(String program) {
        this.program = program;
        return this;
    }

    /** false: {@code posix_spawn}, the program is a path; true (default): {@code posix_spawnp}. */
    public Spawn searchPath(boolean searchPath) {
        this.searchPath = searchPath;
        return this;
    }

    /** The child's environment as {@code NAME=value} entries; by default it inherits ours. */
    public Spawn environment(List<String> entries) {
        this.environment = List.copyOf(entries);
        return this;
    }

    /** POSIX_SPAWN_SETSIGMASK: the child's signal mask (usually EMPTY, undoing an init's mask). */
    public Spawn signalMask(SignalSet mask) {
        this.signalMask = mask;
        flags |= POSIX_SPAWN_SETSIGMASK;
        return this;
    }

    /** POSIX_SPAWN_SETSIGDEF: these signals start with the default action, not an inherited SIG_IGN. */
    public Spawn defaultSignals(SignalSet signals) {
        this.defaultSignals = signals;
        flags |= POSIX_SPAWN_SETSIGDEF;
        return this;
    }

    /** POSIX_SPAWN_SETPGROUP: join group {@code pgid}, or 0 to lead a new group of its own. */
    public Spawn processGroup(int pgid) {
        this.processGroup = pgid;
        flags |= POSIX_SPAWN_SETPGROUP;
        return this;
    }

    /** POSIX_SPAWN_SETSID: the child starts a new session (and group), without a terminal. */
    public Spawn newSession() {
        flags |= POSIX_SPAWN_SETSID;
        return this;
    }

    /** POSIX_SPAWN_RESETIDS: the child's effective ids become the real ones. */
    public Spawn resetIds() {
        flags |= POSIX_SPAWN_RESETIDS;
        return this;
    }

    /**
     * POSIX_SPAWN_SETSCHEDULER + SETSCHEDPARAM: start under {@code policy} with static
     * {@code priority} (0 for OTHER, 1..99 for FIFO/RR, which need CAP_SYS_NICE: else the spawn
     * fails with EPERM). glibc accepts only OTHER, FIFO and RR here (EINVAL otherwise); for BATCH,
     * IDLE or DEADLINE use {@link Scheduling#setAttr} on the pid.
     */
    public Spawn scheduler(Scheduling.Policy policy, int priority) {
        this.schedPolicy = policy.value;
        this.schedPriority = priority;
        flags |= POSIX_SPAWN_SETSCHEDULER | POSIX_SPAWN_SETSCHEDPARAM;
        return this;
    }

    /** dup2(from, to) in the child; with from == to it clears close-on-exec on that descriptor. */
    public Spawn dup2(int from, int to) {
        actions.add(new Dup2(from, to));
        return this;
    }

    /** open(path, flags, mode) in the child, placed at descriptor {@code fd}. */
    public Spawn open(int fd, String path, int openFlags, int mode) {
        actions.add(new Open(fd, path, openFlags, mode));
        return this;
    }

    /** close(fd) in the child. */
    public Spawn close(int fd) {
        actions.add(new Close(fd));
        return this;
    }

    /** Closes every descriptor from {@code lowest} up in the child ({@code addclosefrom_np}, glibc 2.34). */
    public Spawn closeFrom(int lowest) {
        actions.add(new CloseFrom(lowest));
        return this;
    }

    /** chdir(path) in the child ({@code addchdir_np}, glibc 2.29). */
    public Spawn chdir(String path) {
        actions.add(new Chdir(path));
        return this;
    }

    /**
     * Makes the child's process group the foreground of the terminal on {@code ttyFd}
     * ({@code addtcsetpgrp_np}, glibc 2.35); use with {@link #processGroup(int) processGroup(0)}.
     */
    public Spawn foregroundTerminal(int ttyFd) {
        actions.add(new Foreground(ttyFd));
        return this;
    }

    /** Spawns and returns the child's pid; throws naming the program when the spawn or exec fails. */
    public int start() {
        // A one-off spawn is a prepared spawn used once: the same native path, in a confined arena.
        try (Prepared prepared = prepare(Arena.ofConfined())) {
            return prepared.start();
        }
    }

    /**
     * Builds the native form of this spawn once (program, argv, environment, attributes and file
     * actions) for any number of {@link Prepared#start()} calls, each then a single posix_spawn
     * downcall with no allocation: for a process that starts the same command again and again
     * (a restart loop, the spawn laboratory). Later changes to this builder do not affect it.
     * Close it when done: glibc keeps the file actions in memory of its own. Attribute and
     * file-action errors are thrown here, spawn and exec errors by {@code start()}.
     */
    public Prepared prepare() {
        // Shared: a prepared spawn may be made on one thread and started on another.
        return prepare(Arena.ofShared());
    }

    private Prepared prepare(Arena arena) {
        CallState cs = CallState.current();
        MemorySegment attr = MemorySegment.NULL;
        MemorySegment fileActions = MemorySegment.NULL;
        try {
            if (flags != 0) attr = attributes(arena, cs);
            if (!actions.isEmpty()) fileActions = fileActions(arena, cs);
            MemorySegment envp = environment == null ? null : stringArray(arena, environment);
            return new Prepared(arena, program, searchPath, arena.allocateFrom(program), stringArray(arena, argv), envp,
                    fileActions, attr);
        } catch (Throwable t) {
            if (!fileActions.equals(MemorySegment.NULL)) check(cs, FA_DESTROY, fileActions, "");
            if (!attr.equals(MemorySegment.NULL)) check(cs, ATTR_DESTROY, attr, "");
            arena.close();
            throw Native.rethrow(t);
        }
    }

    /**
     * A spawn in native form, ready to start: see {@link #prepare()}. {@link #start()} may be
     * called from any thread, but not while another thread closes it.
     */
    public static final class Prepared implements AutoCloseable {
        private final Arena arena;
        private final String program;
        private final boolean searchPath;
        private final MemorySegment path;
        private final MemorySegment argv;
        /** null: the child inherits our environment, read at each start (setenv may move it). */
        private final MemorySegment envp;
        private final MemorySegment fileActions;
        private final MemorySegment attr;
        private boolean closed;

        private Prepared(Arena arena, String program, boolean searchPath, MemorySegment path, MemorySegment argv,
                         MemorySegment envp, MemorySegment fileActions, MemorySegment attr) {
            this.arena = arena;
            this.program = program;
            this.searchPath = searchPath;
            this.path = path;
            this.argv = argv;
            this.envp = envp;
            this.fileActions = fileActions;
            this.attr = attr;
        }

        /** Spawns and returns the child's pid; throws naming the program when the spawn or exec fails. */
        public int start() {
            CallState cs = CallState.current();
            // The pid comes back in this thread's scratch memory: nothing is allocated per spawn.
            MemorySegment pidOut = cs.scratch;
            MemorySegment env = envp != null ? envp : Environ.current();
            int err;
            try {
                err = searchPath
                        ? (int) SpawnpHandle.POSIX_SPAWNP.invokeExact(cs.capture, pidOut, path, fileActions, attr, argv, env)
                        : (int) SpawnHandle.POSIX_SPAWN.invokeExact(cs.capture, pidOut, path, fileActions, attr, argv, env);
            } catch (Throwable t) {
                throw Native.rethrow(t);
            }
            if (err != 0) throw new ErrnoException((searchPath ? "posix_spawnp" : "posix_spawn") + "(" + program + ")", err);
            return pidOut.get(JAVA_INT, 0);
        }

        /** Destroys the attributes and file actions and frees the native memory; idempotent. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            CallState cs = CallState.current();
            try {
                if (!fileActions.equals(MemorySegment.NULL)) check(cs, FA_DESTROY, fileActions, "");
                if (!attr.equals(MemorySegment.NULL)) check(cs, ATTR_DESTROY, attr, "");
            } finally {
                arena.close();
            }
        }
    }

    private MemorySegment attributes(Arena arena, CallState cs) {
        MemorySegment attr = arena.allocate(SPAWNATTR_BYTES, 8);
        check(cs, ATTR_INIT, attr, "");
        try {
            check(cs, ATTR_SETFLAGS, attr, flags, "0x" + Integer.toHexString(flags));
            if ((flags & POSIX_SPAWN_SETSIGMASK) != 0) check(cs, ATTR_SETSIGMASK, attr, sigset(arena, signalMask), signalMask);
            if ((flags & POSIX_SPAWN_SETSIGDEF) != 0) check(cs, ATTR_SETSIGDEFAULT, attr, sigset(arena, defaultSignals), defaultSignals);
            if ((flags & POSIX_SPAWN_SETPGROUP) != 0) check(cs, ATTR_SETPGROUP, attr, processGroup, processGroup);
            if ((flags & POSIX_SPAWN_SETSCHEDULER) != 0) {
                check(cs, ATTR_SETSCHEDPOLICY, attr, schedPolicy, schedPolicy);
                MemorySegment param = arena.allocate(JAVA_INT);
                param.set(JAVA_INT, 0, schedPriority);
                check(cs, ATTR_SETSCHEDPARAM, attr, param, schedPriority);
            }
        } catch (Throwable t) {
            check(cs, ATTR_DESTROY, attr, "");
            throw Native.rethrow(t);
        }
        return attr;
    }

    private MemorySegment fileActions(Arena arena, CallState cs) {
        MemorySegment fa = arena.allocate(FILE_ACTIONS_BYTES, 8);
        check(cs, FA_INIT, fa, "");
        try {
            for (FileAction action : actions) {
                // instanceof, not a pattern switch: its bootstrap would spin a class on procward init's start-up path
                if (action instanceof Dup2 a) {
                    check(cs, FA_ADDDUP2, fa, word(a.from()), word(a.to()), NULL, NULL, a.from() + ", " + a.to());
                } else if (action instanceof Open a) {
                    check(cs, FA_ADDOPEN, fa, word(a.fd()), arena.allocateFrom(a.path()), word(a.flags()), word(a.mode()),
                            a.fd() + ", " + a.path());
                } else if (action instanceof Close a) {
                    check(cs, FA_ADDCLOSE, fa, a.fd(), a.fd());
                } else if (action instanceof CloseFrom a) {
                    check(cs, FA_ADDCLOSEFROM, fa, a.lowest(), a.lowest());
                } else if (action instanceof Chdir a) {
                    check(cs, FA_ADDCHDIR, fa, arena.allocateFrom(a.path()), a.path());
                } else if (action instanceof Foreground a) {
                    check(cs, FA_ADDTCSETPGRP, fa, a.ttyFd(), a.ttyFd());
                }
            }
        } catch (Throwable t) {
            check(cs, FA_DESTROY, fa, "");
            throw Native.rethrow(t);
        }
        return fa;
    }

    private static MemorySegment sigset(Arena arena, SignalSet set) {
        MemorySegment s = arena.allocate(SignalSet.GLIBC_BYTES, 8);
        set.writeGlibc(s);
        return s;
    }

    /** A NULL-terminated {@code char*[]}. */
    static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1);
        for (int i = 0; i < strings.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    /** An int argument in an address-sized slot of the shared shape (see {@link #SPAWN}). */
    private static MemorySegment word(int value) {
        return MemorySegment.ofAddress(Integer.toUnsignedLong(value));
    }

    private static final MemorySegment NULL = MemorySegment.NULL;

    /*
     * posix_spawn* functions return the error number (not -1 and errno); an ErrnoException
     * passes through rethrow. Every member is called with the shared six-slot shape.
     */
    private static void check(CallState cs, LazyHandle fn, MemorySegment obj, Object subject) {
        check(cs, fn, obj, NULL, NULL, NULL, NULL, subject);
    }

    private static void check(CallState cs, LazyHandle fn, MemorySegment obj, MemorySegment arg, Object subject) {
        check(cs, fn, obj, arg, NULL, NULL, NULL, subject);
    }

    private static void check(CallState cs, LazyHandle fn, MemorySegment obj, int arg, Object subject) {
        check(cs, fn, obj, word(arg), NULL, NULL, NULL, subject);
    }

    private static void check(CallState cs, LazyHandle fn, MemorySegment a, MemorySegment b, MemorySegment c,
                              MemorySegment d, MemorySegment e, Object subject) {
        try {
            succeed(fn, (int) fn.get().invokeExact(cs.capture, a, b, c, d, e, NULL), subject);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static void succeed(LazyHandle fn, int err, Object subject) {
        if (err != 0) throw new ErrnoException(fn.symbol() + "(" + subject + ")", err);
    }
}
