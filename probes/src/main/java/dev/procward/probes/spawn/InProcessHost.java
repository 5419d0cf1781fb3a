package dev.procward.probes.spawn;

import dev.procward.libc.AnonymousMemory;
import dev.procward.libc.ChildStatus;
import dev.procward.libc.Errno;
import dev.procward.libc.ErrnoException;
import dev.procward.libc.ProcessFloor;
import dev.procward.libc.Spawn;
import dev.procward.libc.SysConf;
import dev.procward.libc.Wait;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmarking JVM itself as the parent: the FFM rows. It maps the parent size as anonymous
 * memory (advised onto huge pages for a THP size) and writes every page, then spawns with
 * native-bindings' {@link Spawn} (posix_spawn, procward's own path) or the creation floor, and
 * reaps each child with waitpid before the clock stops. Nothing here forks the JVM: posix_spawn
 * and the floor both use clone(CLONE_VM|CLONE_VFORK) with only C running in the child.
 */
public final class InProcessHost implements SpawnHost {
    private static final int EXEC_FAILED = 127;

    private final AnonymousMemory memory;
    private final Map<Path, Spawn.Prepared> spawns = new HashMap<>();
    /** Children spawned and not reaped (a count, not a set: nothing is boxed next to the clock). */
    private int outstanding;

    private InProcessHost(AnonymousMemory memory) {
        this.memory = memory;
    }

    /** Grows this JVM by {@code size}, every page written. */
    public static InProcessHost open(ParentSize size) {
        if (size.bytes() == 0) return new InProcessHost(null);
        AnonymousMemory memory;
        try {
            memory = AnonymousMemory.map(size.bytes());
            if (size.hugePages()) memory.adviseHugePages();
        } catch (ErrnoException e) {
            throw new SpawnLabException("cannot grow the benchmarking JVM by " + size.label() + ": " + e.getMessage(), e);
        }
        touch(memory.segment(), SysConf.pageSize());
        return new InProcessHost(memory);
    }

    private static void touch(MemorySegment segment, long page) {
        long size = segment.byteSize();
        for (long offset = 0; offset < size; offset += page) {
            segment.set(ValueLayout.JAVA_BYTE, offset, (byte) (offset >>> 12 | 1));
        }
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public long[] spawn(Method method, Target target, int count) {
        long[] nanos = new long[count];
        Spawn.Prepared spawn = method == Method.FFM_POSIX_SPAWN ? prepared(target) : null;
        for (int i = 0; i < count; i++) {
            nanos[i] = switch (method) {
                case FFM_POSIX_SPAWN -> timed(spawn, target);
                case FFM_CLONE_FLOOR -> timedFloor();
                default -> throw new IllegalArgumentException(method + " does not run in the benchmarking JVM");
            };
        }
        return nanos;
    }

    /**
     * The target's spawn in native form, built on its first use and kept until the host closes, as
     * the C harness keeps its argv: the timed region is then the same on both sides, posix_spawn
     * and waitpid, with no argument marshalling in it.
     */
    private Spawn.Prepared prepared(Target target) {
        return spawns.computeIfAbsent(target.path(), path -> Spawn.command(path.toString()).searchPath(false).prepare());
    }

    private long timed(Spawn.Prepared spawn, Target target) {
        long start = System.nanoTime();
        int pid;
        try {
            pid = spawn.start();
        } catch (ErrnoException e) {
            throw new SpawnLabException(e.getMessage(), e);
        }
        outstanding++;
        ChildStatus status = reap(pid);
        long elapsed = System.nanoTime() - start;
        if (!(status instanceof ChildStatus.Exited exited) || exited.code() == EXEC_FAILED) {
            throw new SpawnLabException("posix_spawn " + target.label() + ": child ended as " + status);
        }
        return elapsed;
    }

    private long timedFloor() {
        long start = System.nanoTime();
        int pid;
        try {
            pid = ProcessFloor.cloneExiting(0);
        } catch (ErrnoException e) {
            throw new SpawnLabException(e.getMessage(), e);
        }
        outstanding++;
        ChildStatus status = reap(pid);
        long elapsed = System.nanoTime() - start;
        if (!(status instanceof ChildStatus.Exited exited) || exited.code() != 0) {
            throw new SpawnLabException("clone floor: child ended as " + status);
        }
        return elapsed;
    }

    private ChildStatus reap(int pid) {
        while (true) {
            try {
                ChildStatus status = Wait.waitpid(pid, 0);
                outstanding--;
                return status;
            } catch (ErrnoException e) {
                if (!e.is(Errno.EINTR)) throw new SpawnLabException(e.getMessage(), e);
            }
        }
    }

    /** Children this host spawned and has not reaped; every spawn reaps its child, so normally 0. */
    @Override
    public int unreapedChildren() {
        return outstanding;
    }

    @Override
    public void close() {
        spawns.values().forEach(Spawn.Prepared::close);
        spawns.clear();
        if (memory != null) memory.close();
    }
}
