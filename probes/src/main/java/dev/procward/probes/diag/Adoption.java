package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;

import java.util.Map;
import java.util.Set;

/**
 * Who adopts the children of a process when it exits: the nearest ancestor that is a child
 * subreaper, else the PID namespace's init. /proc does not show PR_SET_CHILD_SUBREAPER, so
 * subreapers are recognised by name: the programs below set it whenever they run (systemd user
 * managers, container shims and monitors, the init shims). A subreaper with another name is missed
 * and PID 1 is named instead; that is the documented limit of this inference.
 */
public final class Adoption {
    /** Programs that always make themselves child subreapers (or are init and reap anyway). */
    public static final Set<String> KNOWN_SUBREAPERS = Set.of(
            "systemd", "containerd-shim", "containerd-shim-runc-v2", "containerd-shim-runc-v1", "conmon",
            "tini", "docker-init", "catatonit", "dumb-init", "procward", "s6-svscan", "runit", "crun", "podman",
            "buildkit-runc", "supervisord");

    private Adoption() {}

    /**
     * @param pid      the process whose children would be orphaned
     * @param pid1     the namespace's init, shown when no subreaper is recognised
     * @param inferred true when a named subreaper was recognised, false when it falls to PID 1
     * @param reaps    the adopter is known to reap: a recognised subreaper, or a PID 1 that
     *                 {@link DoctorReport#reapsOrphans reaps orphans} as the doctor decides (a known
     *                 init, or SIGCHLD caught or ignored). False means the adopted zombies may stay.
     */
    public record Adopter(int pid, String comm, boolean inferred, boolean reaps) {}

    public static Adopter of(int pid, Map<Integer, ProcessSnapshot> byPid) {
        ProcessSnapshot p = byPid.get(pid);
        int guard = 0;
        int ancestor = p == null ? 0 : p.ppid();
        while (ancestor > 1 && guard++ < 4096) {
            ProcessSnapshot a = byPid.get(ancestor);
            if (a == null) break;
            if (KNOWN_SUBREAPERS.contains(a.comm()) || a.comm().startsWith("containerd-shim")) {
                return new Adopter(a.pid(), a.comm(), true, true);
            }
            ancestor = a.ppid();
        }
        ProcessSnapshot init = byPid.get(1);
        if (init == null) return new Adopter(1, "?", false, false);
        SigchldHandling sig = init.status() == null ? null : SigchldHandling.of(init.status());
        return new Adopter(1, init.comm(), false, DoctorReport.reapsOrphans(init.comm(), sig));
    }
}
