package dev.procward.probes.inspect;

import dev.procward.probes.Capabilities;
import dev.procward.probes.Environ;
import dev.procward.probes.FdTable;
import dev.procward.probes.Field;
import dev.procward.probes.Gap;
import dev.procward.probes.IdNames;
import dev.procward.probes.Limits;
import dev.procward.probes.MemoryMap;
import dev.procward.probes.Namespaces;
import dev.procward.probes.ProcFileReader;
import dev.procward.probes.ProcIo;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.ProcStat;
import dev.procward.probes.ProcStatus;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.Procps;
import dev.procward.probes.SchedStats;
import dev.procward.probes.SignalSets;
import dev.procward.probes.SmapsRollup;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.SystemInfo;
import dev.procward.probes.ThreadSample;
import dev.procward.probes.capture.CaptureLayout;
import dev.procward.probes.kernel.CgroupMembership;
import dev.procward.probes.kernel.CgroupResources;
import dev.procward.probes.kernel.ProcFiles;
import dev.procward.probes.kernel.Readout;
import dev.procward.probes.kernel.SyscallTable;
import dev.procward.probes.kernel.ThreadSyscall;
import dev.procward.probes.kernel.Wchan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads every section of a {@link ProcessReport}. Unreadable parts become gaps. */
public final class Inspector {
    /** @param maps read the memory map (smaps, VMA by VMA)
     *  @param showSecrets keep secret-looking environ values */
    public record Options(boolean maps, boolean showSecrets) {}

    private final Path root;
    private final ProcFileReader reader = new ProcFileReader(64 * 1024);
    private final List<Gap> gaps = new ArrayList<>();
    private Path dir;

    private Inspector(Path root) {
        this.root = root;
    }

    /** The report, or empty when no such process exists (or it vanished before its stat was read). */
    public static Optional<ProcessReport> inspect(Path root, int pid, Options options) {
        return new Inspector(root).run(pid, options);
    }

    private Optional<ProcessReport> run(int pid, Options o) {
        Optional<ProcessSnapshot> snap = Snapshotter.takeOne(root, pid,
                EnumSet.of(Field.STAT, Field.STATUS, Field.CMDLINE, Field.WCHAN, Field.NAMESPACES));
        if (snap.isEmpty() || snap.get().stat() == null) return Optional.empty();
        ProcessSnapshot p = snap.get();
        dir = root.resolve(Integer.toString(pid));
        gaps.addAll(p.gaps());
        SystemInfo sys = SystemInfo.read(root);
        ProcStat stat = p.stat();
        ProcStatus status = p.status();
        IdNames users = IdNames.users(root), groups = IdNames.groups(root);

        var identity = new ProcessReport.Identity(pid, stat.ppid(), stat.pgrp(), stat.session(), stat.tpgid(),
                Procps.ttyName(stat.ttyNr()), status == null ? pid : status.tgid(),
                status == null ? List.of() : status.nsPid(), stat.comm(),
                p.cmdline() == null ? List.of() : p.cmdline().args(), sys.startMillis(stat.startTime()),
                sys.ageSeconds(stat.startTime()), stat.kernelThread());
        var state = new ProcessReport.State(stat.state(), describe(stat.state()), wchanText(p.wchan()),
                status == null ? 0 : status.tracerPid());
        ProcessReport.Credentials creds = null;
        ProcessReport.CapabilitySets caps = null;
        ProcessReport.SignalDisposition signals = null;
        if (status != null) {
            creds = new ProcessReport.Credentials(ids(status.uids(), users), ids(status.gids(), groups),
                    status.groups().stream().map(g -> new ProcessReport.Group(g, groups.name(g))).toList());
            caps = new ProcessReport.CapabilitySets(Capabilities.names(status.capInh()), Capabilities.names(status.capPrm()),
                    Capabilities.names(status.capEff()), Capabilities.names(status.capBnd()),
                    Capabilities.names(status.capAmb()), Capabilities.full(status.capEff()), status.noNewPrivs() != 0,
                    status.seccomp());
            signals = new ProcessReport.SignalDisposition(SignalSets.names(status.sigPnd() | status.shdPnd()),
                    SignalSets.names(status.sigBlk()), SignalSets.names(status.sigIgn()), SignalSets.names(status.sigCgt()));
        }
        var memory = memory(status);
        var threads = threads(pid);
        FdTable fdTable = FdTable.read(root, pid);
        if (fdTable.gap() != null) gaps.add(fdTable.gap());
        var paths = new ProcessReport.Paths(link("cwd"), link("exe"), link("root"));
        var namespaces = namespaces(p);
        var cgroup = cgroup(pid);
        Limits limits = parse("limits", Limits::parse);
        var oom = new ProcessReport.Oom(intFile("oom_score"), intFile("oom_score_adj"));
        SchedStats sched = parse("sched", SchedStats::parse);
        var scheduling = new ProcessReport.Scheduling(SchedStats.policyName(stat.policy()), stat.rtPriority(),
                stat.priority(), stat.nice(), stat.processor(), sched == null ? java.util.Map.of() : sched.values());
        ProcIo io = parse("io", ProcIo::parse);
        MemoryMap maps = o.maps() ? maps() : null;
        Environ environ = environ(o.showSecrets());
        return Optional.of(new ProcessReport(identity, state, creds, caps, signals, memory, threads, fdTable.entries(),
                paths, namespaces, cgroup, limits, oom, scheduling, io, maps, environ, gaps));
    }

    private static String describe(char s) {
        return switch (s) {
            case 'R' -> "running";
            case 'S' -> "sleeping";
            case 'D' -> "uninterruptible sleep (usually I/O)";
            case 'T' -> "stopped";
            case 't' -> "stopped by a tracer";
            case 'Z' -> "zombie: exited, not yet reaped by its parent";
            case 'X' -> "dead";
            case 'I' -> "idle kernel thread";
            case 'P' -> "parked";
            default -> "unknown";
        };
    }

    private static String wchanText(String raw) {
        if (raw == null) return null;
        return Wchan.parse(raw).orElse("-");
    }

    private static ProcessReport.Ids ids(ProcStatus.Ids ids, IdNames names) {
        return new ProcessReport.Ids(named(ids.real(), names), named(ids.effective(), names), named(ids.saved(), names),
                named(ids.fs(), names));
    }

    private static ProcessReport.Named named(int id, IdNames names) {
        return new ProcessReport.Named(id, names.name(id));
    }

    private ProcessReport.Memory memory(ProcStatus status) {
        SmapsRollup rollup = null;
        String source = null;
        try {
            rollup = SmapsRollup.parse(reader.readString(dir.resolve("smaps_rollup")));
            source = "smaps_rollup";
        } catch (NoSuchFileException e) {
            rollup = parse("smaps", SmapsRollup::parse);
            if (rollup != null) source = "smaps";
        } catch (IOException e) {
            gaps.add(Gap.of("smaps_rollup", e, !Files.isDirectory(dir)));
        } catch (ProcParseException e) {
            gaps.add(new Gap("smaps_rollup", Gap.Reason.MALFORMED));
        }
        if (status == null && rollup == null) return null;
        long none = -1;
        return new ProcessReport.Memory(status == null ? none : status.vmSize(), status == null ? none : status.vmRss(),
                status == null ? none : status.rssAnon(), status == null ? none : status.rssFile(),
                status == null ? none : status.rssShmem(), status == null ? none : status.vmSwap(),
                status == null ? none : status.vmLck(),
                rollup == null ? null : rollup.pss(), rollup == null ? null : rollup.uss(),
                rollup == null ? null : rollup.swap(), rollup == null ? null : rollup.swapPss(), source);
    }

    private List<ProcessReport.ThreadInfo> threads(int pid) {
        SyscallTable table = SyscallTable.host();
        List<ProcessReport.ThreadInfo> out = new ArrayList<>();
        for (ThreadSample t : Snapshotter.threads(root, pid, EnumSet.of(Field.STAT, Field.WCHAN))) {
            List<Gap> tg = new ArrayList<>(t.gaps());
            Readout<ThreadSyscall> sc = ThreadSyscall.read(root, pid, t.tid());
            String syscall = switch (sc) {
                case Readout.Value<ThreadSyscall>(ThreadSyscall.Running r) -> "running";
                case Readout.Value<ThreadSyscall>(ThreadSyscall.NotInSyscall n) -> "not in a syscall";
                case Readout.Value<ThreadSyscall>(ThreadSyscall.InSyscall s) -> table.nameOrNumber(s.number());
                case Readout.Missing<ThreadSyscall>(Gap.Reason reason) -> {
                    tg.add(new Gap("syscall", reason));
                    yield null;
                }
            };
            out.add(new ProcessReport.ThreadInfo(t.tid(), t.comm(), t.state(), wchanText(t.wchan()), syscall, tg));
        }
        return out;
    }

    private String link(String name) {
        Readout<String> r = ProcFiles.readLink(dir.resolve(name));
        if (r instanceof Readout.Value<String>(String v)) return v;
        if (r instanceof Readout.Missing<String>(Gap.Reason reason)) gaps.add(new Gap(name, reason));
        return null;
    }

    private List<ProcessReport.Namespace> namespaces(ProcessSnapshot p) {
        if (p.namespaces() == null) return null;
        Namespaces init = Snapshotter.takeOne(root, 1, EnumSet.of(Field.NAMESPACES))
                .map(ProcessSnapshot::namespaces).orElse(null);
        List<ProcessReport.Namespace> out = new ArrayList<>();
        for (String type : Namespaces.TYPES) {
            Long inode = p.namespaces().inodes().get(type);
            if (inode == null) continue;
            Long initInode = init == null ? null : init.inodes().get(type);
            out.add(new ProcessReport.Namespace(type, inode, initInode == null ? null : !initInode.equals(inode)));
        }
        return out;
    }

    private ProcessReport.Cgroup cgroup(int pid) {
        Readout<CgroupMembership> m = CgroupMembership.read(root, pid);
        if (m instanceof Readout.Value<CgroupMembership>(CgroupMembership membership)) {
            return new ProcessReport.Cgroup(membership, CgroupResources.read(CaptureLayout.cgroupFs(root), membership));
        }
        if (m instanceof Readout.Missing<CgroupMembership>(Gap.Reason reason)) gaps.add(new Gap("cgroup", reason));
        return null;
    }

    private Integer intFile(String file) {
        Long v = parse(file, s -> {
            String t = s.strip();
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new ProcParseException(file, "not a number");
            }
        });
        return v == null ? null : v.intValue();
    }

    private MemoryMap maps() {
        MemoryMap m = parse("smaps", MemoryMap::parse);
        return m != null ? m : parse("maps", MemoryMap::parse);
    }

    private Environ environ(boolean showSecrets) {
        try {
            int n = reader.read(dir.resolve("environ"));
            Environ e = Environ.parse(reader.buffer(), n);
            return showSecrets ? e : e.redacted();
        } catch (IOException e) {
            gaps.add(Gap.of("environ", e, !Files.isDirectory(dir)));
            return null;
        }
    }

    private <T> T parse(String file, Function<String, T> parser) {
        try {
            return parser.apply(reader.readString(dir.resolve(file)));
        } catch (IOException e) {
            gaps.add(Gap.of(file, e, !Files.isDirectory(dir)));
        } catch (ProcParseException e) {
            gaps.add(new Gap(file, Gap.Reason.MALFORMED));
        }
        return null;
    }
}
