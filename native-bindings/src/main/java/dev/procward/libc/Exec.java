package dev.procward.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * {@code execve}: replaces this process image. For an init that must re-exec itself with its
 * signal mask already blocked, so that every JVM thread inherits the mask (DESIGN.md).
 *
 * <p>Other JVM threads are destroyed by the kernel on success; the mask, the pid, the session
 * and descriptors without close-on-exec survive.
 */
public final class Exec {

    private Exec() {}

    /**
     * execve(path, argv, envp); returns only by throwing.
     *
     * @param environment {@code NAME=value} entries, or null to pass our own environment on
     */
    public static void execve(String path, List<String> argv, List<String> environment) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment envp = environment == null ? Environ.current() : Spawn.stringArray(arena, environment);
            MemorySegment file = arena.allocateFrom(path);
            MemorySegment args = Spawn.stringArray(arena, argv);
            Syscall.call(Sys.EXECVE, () -> path, file.address(), args.address(), envp.address());
            throw new IllegalStateException("execve returned without error");
        }
    }
}
