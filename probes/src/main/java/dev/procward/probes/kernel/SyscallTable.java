package dev.procward.probes.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * System call numbers to names for x86_64 and aarch64 (tables generated from the kernel's UAPI
 * headers), and which calls name a file through their first argument.
 */
public final class SyscallTable {
    private final String arch;
    private final String[] names;

    /**
     * Calls whose first argument is a file descriptor (or a directory fd, AT_FDCWD meaning the
     * cwd): a thread blocked in one is blocked on that file.
     */
    private static final Set<String> FD_FIRST = Set.of(
            "read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "preadv2", "pwritev2",
            "fsync", "fdatasync", "syncfs", "sync_file_range", "fstat", "newfstatat", "fstatfs", "statx",
            "getdents", "getdents64", "ioctl", "fcntl", "flock", "ftruncate", "fallocate", "lseek", "close",
            "openat", "openat2", "mkdirat", "mknodat", "unlinkat", "renameat", "renameat2", "linkat", "symlinkat",
            "fchown", "fchownat", "fchmod", "fchmodat", "fchmodat2", "faccessat", "faccessat2", "futimesat",
            "utimensat", "readlinkat", "fgetxattr", "fsetxattr", "flistxattr", "fremovexattr", "copy_file_range",
            "splice", "sendfile", "fadvise64", "readahead", "name_to_handle_at", "execveat", "fanotify_mark",
            "inotify_add_watch", "fchdir");

    private static final Map<String, SyscallTable> TABLES = new HashMap<>();

    private SyscallTable(String arch, String[] names) {
        this.arch = arch;
        this.names = names;
    }

    /** The table of the architecture this JVM runs on (x86_64 when unknown). */
    public static SyscallTable host() {
        String a = System.getProperty("os.arch", "");
        return forArch(a.equals("aarch64") || a.equals("arm64") ? "aarch64" : "x86_64");
    }

    public static synchronized SyscallTable forArch(String arch) {
        return TABLES.computeIfAbsent(arch, SyscallTable::load);
    }

    public String arch() {
        return arch;
    }

    public Optional<String> name(int number) {
        return number >= 0 && number < names.length && names[number] != null ? Optional.of(names[number]) : Optional.empty();
    }

    /** The name, or {@code syscall_N} for a number this table does not know. */
    public String nameOrNumber(int number) {
        return name(number).orElse("syscall_" + number);
    }

    /** The first argument of this call names a file or directory by descriptor. */
    public boolean takesFdFirst(int number) {
        return name(number).map(FD_FIRST::contains).orElse(false);
    }

    public static boolean takesFdFirst(String name) {
        return FD_FIRST.contains(name);
    }

    private static SyscallTable load(String arch) {
        String resource = "syscalls-" + arch + ".txt";
        String[] names = new String[512];
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no system call table for " + arch);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(" ");
                names[Integer.parseInt(f[0])] = f[1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyscallTable(arch, names);
    }
}
