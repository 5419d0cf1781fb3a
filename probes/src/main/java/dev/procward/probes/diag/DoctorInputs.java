package dev.procward.probes.diag;

import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.kernel.CgroupResources;
import dev.procward.probes.kernel.ContainerEvidence;
import dev.procward.probes.kernel.FileNr;
import dev.procward.probes.kernel.LoadAvg;
import dev.procward.probes.kernel.OomKills;
import dev.procward.probes.kernel.OomScore;
import dev.procward.probes.kernel.Readout;

import java.util.List;
import java.util.Map;

/**
 * Everything {@link DoctorReport} judges, read at one moment by {@link DoctorProbe} (or built by
 * hand in tests). Nullable components are those that could not be read.
 *
 * @param table          processes with STAT, STATUS and CMDLINE
 * @param heavy          the largest processes by RSS, re-read with SMAPS_ROLLUP for PSS
 * @param oomScores      oom_score and oom_score_adj of the heavy processes
 * @param dSample        a short run of D-state sweeps
 * @param loadavg        /proc/loadavg
 * @param fileNr         fs/file-nr
 * @param pidMax         kernel.pid_max, -1 when unreadable
 * @param ownCgroup      the reader's cgroup (the container's, inside one)
 * @param heavyCgroups   cgroups of the heavy processes, by cgroup path
 * @param kernelLog      OOM kills from the kernel log, or the gap that kept us from reading it
 * @param container      container evidence
 */
public record DoctorInputs(ProcessTable table, List<ProcessSnapshot> heavy, Map<Integer, OomScore> oomScores,
                           List<StuckSampler.Sweep> dSample, LoadAvg loadavg, FileNr fileNr, long pidMax,
                           CgroupResources.Usage ownCgroup, Map<String, CgroupResources.Usage> heavyCgroups,
                           Readout<List<OomKills.OomKill>> kernelLog, ContainerEvidence container) {}
