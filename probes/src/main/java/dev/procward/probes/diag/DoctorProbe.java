package dev.procward.probes.diag;

import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.capture.CaptureLayout;
import dev.procward.probes.kernel.CgroupMembership;
import dev.procward.probes.kernel.CgroupResources;
import dev.procward.probes.kernel.ContainerEvidence;
import dev.procward.probes.kernel.FileNr;
import dev.procward.probes.kernel.KernelLog;
import dev.procward.probes.kernel.LoadAvg;
import dev.procward.probes.kernel.OomKills;
import dev.procward.probes.kernel.OomScore;
import dev.procward.probes.kernel.Readout;
import dev.procward.probes.kernel.SyscallTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@link DoctorInputs} from a /proc root and a cgroup root.
 *
 * @param kernelLog      where the kernel log is: {@code /dev/kmsg} (live), a saved dmesg or a capture's kmsg
 *                       text, or null for none (the gap a capture recorded, else missing)
 * @param sampleSweeps   D-state sweeps to take
 * @param sampleInterval time between sweeps
 * @param heavyCount     how many of the largest processes (by RSS) to read PSS and OOM scores for
 */
public record DoctorProbe(Path procRoot, Path cgroupRoot, Path kernelLog, int sampleSweeps, Duration sampleInterval,
                          int heavyCount) {

    /** The defaults for a root: /dev/kmsg for the live /proc, the captured kernel log for a capture. */
    public static DoctorProbe live(Path procRoot, Path cgroupRoot) {
        return new DoctorProbe(procRoot, cgroupRoot, CaptureLayout.kernelLog(procRoot), 5, Duration.ofMillis(100), 10);
    }

    public DoctorInputs read() throws InterruptedException {
        ProcessTable table = Snapshotter.take(procRoot, EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE));
        var host = new HostProbe(procRoot, cgroupRoot);

        List<ProcessSnapshot> byRss = new ArrayList<>(table.processes().stream()
                .filter(p -> p.stat() != null && p.stat().rss() > 0).toList());
        byRss.sort(Comparator.comparingLong((ProcessSnapshot p) -> p.stat().rss()).reversed());
        List<ProcessSnapshot> heavy = new ArrayList<>();
        Map<Integer, OomScore> scores = new LinkedHashMap<>();
        Map<String, CgroupResources.Usage> cgroups = new LinkedHashMap<>();
        for (ProcessSnapshot p : byRss.subList(0, Math.min(heavyCount * 2, byRss.size()))) {
            Snapshotter.takeOne(procRoot, p.pid(), EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE, Field.SMAPS_ROLLUP))
                    .ifPresent(heavy::add);
        }
        heavy.sort(Comparator.comparingLong(DoctorProbe::pss).reversed());
        if (heavy.size() > heavyCount) heavy = new ArrayList<>(heavy.subList(0, heavyCount));
        for (ProcessSnapshot p : heavy) {
            var s = OomScore.read(procRoot, p.pid());
            if (s.present()) scores.put(p.pid(), s.orElse(null));
            var m = CgroupMembership.read(procRoot, p.pid()).orElse(null);
            if (m != null) {
                String key = m.unified().map(CgroupMembership.Entry::path)
                        .or(() -> m.v1("memory").map(CgroupMembership.Entry::path)).orElse("/");
                cgroups.computeIfAbsent(key, k -> CgroupResources.read(cgroupRoot, m));
            }
        }

        var sampler = new StuckSampler(procRoot, StuckSampler.UNINTERRUPTIBLE, true, selfPid(), SyscallTable.host());
        List<StuckSampler.Sweep> sweeps = new ArrayList<>();
        for (int i = 0; i < sampleSweeps; i++) {
            if (i > 0) Thread.sleep(sampleInterval);
            sweeps.add(sampler.sweep());
        }

        // A capture without a kernel log says why the live reader could not read one.
        Readout<List<OomKills.OomKill>> log = kernelLog == null ? Readout.gap(CaptureLayout.kernelLogGap(procRoot))
                : KernelLog.read(kernelLog, Duration.ofMillis(150)).map(OomKills::parse);
        return new DoctorInputs(table, heavy, scores, sweeps, LoadAvg.read(procRoot).orElse(null),
                FileNr.read(procRoot).orElse(null), host.pidMax(), host.ownCgroup(), cgroups, log,
                ContainerEvidence.read(procRoot));
    }

    static long pss(ProcessSnapshot p) {
        if (p.memory() != null) return p.memory().pss();
        return p.stat() == null ? 0 : p.stat().rss() * 4;
    }

    private int selfPid() {
        return procRoot.equals(Path.of("/proc")) ? (int) ProcessHandle.current().pid() : -1;
    }
}
