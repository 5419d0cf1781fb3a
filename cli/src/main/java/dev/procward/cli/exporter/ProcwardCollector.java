package dev.procward.cli.exporter;

import dev.procward.probes.metrics.DStateTally;
import dev.procward.probes.metrics.HostMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.procward.cli.exporter.SnapshotList.byLabel;
import static dev.procward.cli.exporter.SnapshotList.value;

/**
 * Renders one shared {@link HostMetrics} plus the running D-state tally as Prometheus metrics.
 * Every name and label here is part of the exporter's interface: the alert rules and the
 * dashboard in deploy/ use them, and docs/exporter.md lists them.
 */
public final class ProcwardCollector implements MultiCollector {

    private final SingleFlight<HostMetrics> shared;
    private final Optional<DStateTally> dstate;
    private final AtomicLong scrapes = new AtomicLong();

    public ProcwardCollector(SingleFlight<HostMetrics> shared, Optional<DStateTally> dstate) {
        this.shared = shared;
        this.dstate = dstate;
    }

    @Override
    public MetricSnapshots collect() {
        long scrape = scrapes.incrementAndGet();
        HostMetrics m = shared.get();
        SnapshotList out = new SnapshotList();
        processes(m, out);
        zombies(m, out);
        limits(m, out);
        memory(m, out);
        groups(m, out);
        dstate.ifPresent(t -> dstate(t.view(), out));
        self(m.cost(), scrape, shared.loads(), out);
        return out.build();
    }

    private static void processes(HostMetrics m, SnapshotList out) {
        out.gauge("procward_processes", "Processes in the snapshot, zombies included.", value(m.processes()));
        out.gauge("procward_threads", "Threads (tasks) in the snapshot; pid_max bounds these, not processes.", value(m.threads()));
        m.pid1().ifPresent(p -> out.gauge("procward_pid1_reaps",
                "1 when PID 1 reaps its children (a known init or no zombies left on it), else 0.",
                g -> g.add(Labels.of("comm", p.comm()), p.reaps() ? 1 : 0)));
    }

    private static void zombies(HostMetrics m, SnapshotList out) {
        out.gauge("procward_zombies", "Zombie processes: exited, not yet reaped by their parent.", value(m.zombies()));
        out.gauge("procward_zombies_by_parent", "Zombies by the comm of the parent that does not reap them (top K, rest under \"other\").", byLabel("parent_comm", m.zombiesByParentComm()));
    }

    private static void limits(HostMetrics m, SnapshotList out) {
        m.pidMax().ifPresent(v -> out.gauge("procward_pid_max", "kernel.pid_max: the ceiling on process and thread ids.", value(v)));
        if (!m.cgroupPids().isEmpty()) {
            out.gauge("procward_cgroup_pids", "Tasks in a pids cgroup (pids.current).",
                    g -> m.cgroupPids().forEach(c -> g.add(Labels.of("cgroup", c.cgroup()), c.current())));
            out.gauge("procward_cgroup_pids_max", "pids.max of a pids cgroup; absent when it is \"max\".",
                    g -> m.cgroupPids().forEach(c -> c.max().ifPresent(v -> g.add(Labels.of("cgroup", c.cgroup()), v))));
        }
        m.fileHandles().ifPresent(f -> {
            out.gauge("procward_open_files", "File handles allocated system-wide (first field of fs.file-nr).", value(f.allocated()));
            out.gauge("procward_file_max", "fs.file-max: the ceiling on allocated file handles.", value(f.max()));
        });
        m.oomKills().ifPresent(k -> out.counter("procward_oom_kills", "Processes killed by the OOM killer since boot.", value(k)));
    }

    private static void memory(HostMetrics m, SnapshotList out) {
        out.gauge("procward_top_pss_bytes", "Proportional set size of the N largest processes, by rank.", g -> {
            for (HostMetrics.TopProcess p : m.topPss()) {
                Labels labels = Labels.of("rank", Integer.toString(p.rank()), "pid", Integer.toString(p.pid()), "comm", p.comm());
                g.add(p.cmdline().map(c -> labels.add("cmdline", c)).orElse(labels), p.pssBytes());
            }
        });
    }

    private static void groups(HostMetrics m, SnapshotList out) {
        if (m.groups().isEmpty()) {
            return;
        }
        out.gauge("procward_group_processes", "Processes in a configured group.",
                g -> m.groups().forEach(s -> g.add(Labels.of("group", s.name()), s.processes())));
        out.gauge("procward_group_threads", "Threads of the processes in a group.",
                g -> m.groups().forEach(s -> g.add(Labels.of("group", s.name()), s.threads())));
        out.gauge("procward_group_resident_bytes", "Resident memory (RSS) summed over a group.",
                g -> m.groups().forEach(s -> g.add(Labels.of("group", s.name()), s.residentBytes())));
        out.gauge("procward_group_open_fds", "Open file descriptors summed over a group.",
                g -> m.groups().forEach(s -> g.add(Labels.of("group", s.name()), s.openFds())));
        out.counter("procward_group_cpu_seconds", "CPU time used by a group's processes while the exporter watched.", c -> {
            for (HostMetrics.GroupStats s : m.groups()) {
                c.add(Labels.of("group", s.name(), "mode", "user"), s.cpuUserSeconds());
                c.add(Labels.of("group", s.name(), "mode", "system"), s.cpuSystemSeconds());
            }
        });
    }

    private static void dstate(DStateTally.View v, SnapshotList out) {
        out.gauge("procward_dstate_threads", "Threads in uninterruptible sleep (D) at the latest sample.", value(v.lastSampleThreads()));
        out.counter("procward_dstate_samples", "D-state sampling rounds taken (--sample-hz).", value(v.samples()));
        out.counter("procward_dstate_observations_by_wchan", "D-state threads seen per sample, by kernel wait channel; divide its rate by the samples' rate for the average.", byLabel("wchan", v.byWchan()));
        out.counter("procward_dstate_observations_by_syscall", "D-state threads seen per sample, by the system call they are in.", byLabel("syscall", v.bySyscall()));
    }

    private static void self(HostMetrics.Cost c, long scrapes, long snapshots, SnapshotList out) {
        out.gauge("procward_scrape_duration_seconds", "Time taken to read the snapshot that served this scrape.", value(c.seconds()));
        out.gauge("procward_scrape_processes_read", "Processes read for the snapshot that served this scrape.", value(c.processesRead()));
        out.gauge("procward_scrape_gaps", "Processes that vanished or could not be read during the snapshot.", value(c.gaps()));
        out.gauge("procward_scrape_listing_age_seconds", "Age of the D-state sweep whose stat lines served as this snapshot's listing; 0 when the snapshot read /proc itself.", value(c.listingAgeSeconds()));
        out.gauge("procward_scrape_pss_reads", "smaps_rollup files read to rank the top PSS processes.", value(c.pssReads()));
        out.gauge("procward_top_pss_age_seconds", "Age of the PSS ranking (it is refreshed every --pss-refresh).", value(c.topPssAgeSeconds()));
        out.gauge("procward_top_pss_exact", "1 when the PSS ranking is proven exact, 0 when the read cap cut it short.", value(c.topPssExact() ? 1 : 0));
        out.counter("procward_scrapes", "Scrapes served; compare with procward_snapshots to see sharing.", value(scrapes));
        out.counter("procward_snapshots", "Snapshots of /proc taken; concurrent scrapes share one.", value(snapshots));
    }
}
