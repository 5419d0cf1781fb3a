package dev.procward.probes.spawn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One way of creating a process, measured as a row of the spawn table. Each method runs in one
 * kind of {@link HostKind parent}: the benchmarking JVM itself, the C reference harness, or a child
 * JVM that uses {@link ProcessBuilder} with one launch mechanism.
 */
public enum Method {
    FFM_POSIX_SPAWN("ffm-posix-spawn", "FFM posix_spawn", HostKind.BENCH_JVM, true),
    FFM_CLONE_FLOOR("ffm-clone-floor", "FFM clone(VM|VFORK)+_exit floor", HostKind.BENCH_JVM, false),
    C_FORK_EXEC("c-fork-exec", "C fork+exec", HostKind.C_HARNESS, true),
    C_VFORK_EXEC("c-vfork-exec", "C vfork+exec", HostKind.C_HARNESS, true),
    C_POSIX_SPAWN("c-posix-spawn", "C posix_spawn", HostKind.C_HARNESS, true),
    C_CLONE_FLOOR("c-clone-floor", "C clone(VM|VFORK)+_exit floor", HostKind.C_HARNESS, false),
    PB_POSIX_SPAWN("pb-posix-spawn", "ProcessBuilder POSIX_SPAWN (default)", HostKind.JVM_POSIX_SPAWN, true),
    PB_FORK("pb-fork", "ProcessBuilder FORK", HostKind.JVM_FORK, true),
    PB_VFORK("pb-vfork", "ProcessBuilder VFORK", HostKind.JVM_VFORK, true);

    private final String id;
    private final String label;
    private final HostKind host;
    private final boolean execs;

    Method(String id, String label, HostKind host, boolean execs) {
        this.id = id;
        this.label = label;
        this.host = host;
        this.execs = execs;
    }

    /** Stable name used on the command line and in JSON. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public HostKind host() {
        return host;
    }

    /** False for the creation floors: their child exits without exec'ing any target. */
    public boolean execsTarget() {
        return execs;
    }

    public static Method byId(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        for (Method m : values()) if (m.id.equals(wanted)) return m;
        throw new IllegalArgumentException("unknown method '" + id + "' (known: " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(Method::id).collect(Collectors.joining(", "));
    }

    public static List<Method> all() {
        return List.of(values());
    }

    /** The process a method spawns from. Every distinct host of a cell holds its own parent memory. */
    public enum HostKind {
        BENCH_JVM(null),
        C_HARNESS(null),
        JVM_POSIX_SPAWN("POSIX_SPAWN"),
        JVM_FORK("FORK"),
        JVM_VFORK("VFORK");

        private final String launchMechanism;

        HostKind(String launchMechanism) {
            this.launchMechanism = launchMechanism;
        }

        /** The value of {@code -Djdk.lang.Process.launchMechanism} for child-JVM hosts, else null. */
        public String launchMechanism() {
            return launchMechanism;
        }

        public boolean childJvm() {
            return launchMechanism != null;
        }
    }
}
