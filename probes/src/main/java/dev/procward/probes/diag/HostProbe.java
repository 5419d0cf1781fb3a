package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.kernel.CgroupMembership;
import dev.procward.probes.kernel.CgroupResources;
import dev.procward.probes.kernel.Sysctl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host-level facts the inspectors set a snapshot against, read from a /proc root and a cgroup
 * filesystem root. The cgroup that counts is the reader's own ({@code self}) when the root has one,
 * else PID 1's: on a container that is the container's.
 */
public record HostProbe(Path procRoot, Path cgroupRoot) {

    public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    /** The pid whose cgroup stands for "this host or container". */
    public int referencePid() {
        Path self = procRoot.resolve("self");
        if (Files.isDirectory(self)) {
            try {
                return Integer.parseInt(self.toRealPath().getFileName().toString());
            } catch (Exception e) {
                return 1;
            }
        }
        return 1;
    }

    public CgroupResources.Usage cgroup(int pid) {
        var membership = CgroupMembership.read(procRoot, pid).orElse(null);
        if (membership == null) return new CgroupResources.Usage("none", null, null, null);
        return CgroupResources.read(cgroupRoot, membership);
    }

    public CgroupResources.Usage ownCgroup() {
        return cgroup(referencePid());
    }

    public long pidMax() {
        return Sysctl.PID_MAX.read(procRoot).orElse(-1L);
    }

    public PidHeadroom pidHeadroom(ProcessTable table, CgroupResources.Usage cgroup) {
        long tasks = 0;
        for (ProcessSnapshot p : table.processes()) {
            tasks += p.stat() != null ? Math.max(1, p.stat().numThreads())
                    : p.status() != null ? Math.max(1, p.status().threads()) : 1;
        }
        return new PidHeadroom(table.processes().size(), tasks, pidMax(), cgroup.pids());
    }
}
