package dev.procward.cli;

import dev.procward.cli.exporter.DStateSampling;
import dev.procward.cli.exporter.ExporterServer;
import dev.procward.cli.exporter.ListenAddress;
import dev.procward.cli.exporter.ProcwardCollector;
import dev.procward.cli.exporter.SingleFlight;
import dev.procward.probes.metrics.DStateSampler;
import dev.procward.probes.metrics.DStateTally;
import dev.procward.probes.metrics.GroupRule;
import dev.procward.probes.metrics.HostMetrics;
import dev.procward.probes.metrics.HostMetricsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "exporter", mixinStandardHelpOptions = true,
        description = {
                "Serve the inspectors' findings as Prometheus metrics on /metrics (health on /-/healthy).",
                "Binds to loopback unless --allow-remote is given. Command lines appear only with --expose-cmdline;",
                "environments never do. Metric names: docs/exporter.md."},
        footerHeading = "%n",
        footer = ExitCodes.HELP_SECTION)
public final class ExporterCommand implements Callable<Integer> {

    @Mixin
    ProcRootOption procRoot = new ProcRootOption();

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = ListenAddress.DEFAULT,
            description = "Address to serve on: an IP literal and a port, e.g. 127.0.0.1:9798 or [::1]:9798 (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--allow-remote",
            description = "Allow a --listen address other hosts can reach (anything but loopback).")
    boolean allowRemote;

    @Option(names = "--sample-hz", paramLabel = "HZ", defaultValue = "1",
            description = "D-state samples per second, taken between scrapes; 0 turns sampling off (default: ${DEFAULT-VALUE}).")
    double sampleHz;

    @Option(names = "--top-pss", paramLabel = "N", defaultValue = "10",
            description = "Report the N processes with the largest PSS (default: ${DEFAULT-VALUE}, 0 turns it off).")
    int topPss;

    @Option(names = "--max-label-values", paramLabel = "K", defaultValue = "20",
            description = "At most K values per label (parent comm, wchan, syscall, cgroup); the rest count as \"other\" (default: ${DEFAULT-VALUE}).")
    int maxLabelValues;

    @Option(names = "--group", paramLabel = "NAME=[comm:|cmdline:]REGEX",
            description = "A process group, as in process-exporter: processes whose comm (default) or command line matches REGEX. Repeatable; the first match wins.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--expose-cmdline",
            description = "Add each top-PSS process's command line (first 200 characters) as a label. Off by default: arguments can hold secrets.")
    boolean exposeCmdline;

    @Option(names = "--cgroup-root", paramLabel = "PATH", defaultValue = "/sys/fs/cgroup",
            description = "cgroup filesystem to scan for pids.max limits; 'none' skips it (default: ${DEFAULT-VALUE}).")
    String cgroupRoot;

    @Option(names = "--pss-refresh", paramLabel = "SECONDS", defaultValue = "60",
            description = "Re-rank the top PSS processes at most every SECONDS; smaps_rollup is costly on large processes (default: ${DEFAULT-VALUE}).")
    long pssRefreshSeconds;

    @Option(names = "--snapshot-reuse", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Serve scrapes arriving within MILLIS of a finished snapshot from it (default: ${DEFAULT-VALUE}). Concurrent scrapes always share one.")
    long snapshotReuseMillis;

    /** The --listen value as given (for tests that check deployment files against the parser). */
    public String listen() {
        return listen;
    }

    public boolean allowRemote() {
        return allowRemote;
    }

    @Override
    public Integer call() throws InterruptedException {
        ListenAddress address = listenAddress();
        HostMetricsReader.Config config = config();
        if (!(sampleHz >= 0 && sampleHz <= 100)) {
            throw new UserError("exporter: --sample-hz must be between 0 and 100, got " + sampleHz, ExitCodes.USAGE);
        }
        if (snapshotReuseMillis < 0) {
            throw new UserError("exporter: --snapshot-reuse must not be negative", ExitCodes.USAGE);
        }
        Optional<DStateTally> tally = sampleHz > 0 ? Optional.of(new DStateTally(maxLabelValues)) : Optional.empty();
        Optional<DStateSampler> sampler = tally.map(t -> new DStateSampler(config.procRoot()));
        // A sweep reads every stat line: a scrape within two sampling periods of one lists from it.
        HostMetricsReader reader = sampler
                .map(s -> new HostMetricsReader(config, s::latestListing, Duration.ofNanos(Math.round(2e9 / sampleHz))))
                .orElseGet(() -> new HostMetricsReader(config));
        Optional<DStateSampling> sampling = tally.map(t -> DStateSampling.start(sampleHz, sampler.orElseThrow()::sample, t));
        SingleFlight<HostMetrics> shared = new SingleFlight<>(reader::read, Duration.ofMillis(snapshotReuseMillis));
        ExporterServer server;
        try {
            server = ExporterServer.start(address, new ProcwardCollector(shared, tally));
        } catch (UncheckedIOException e) {
            sampling.ifPresent(DStateSampling::close);
            throw new UserError("exporter: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            sampling.ifPresent(DStateSampling::close);
            stopped.countDown();
        }, "procward-exporter-shutdown"));
        System.err.println("procward exporter: serving http://" + server.address() + "/metrics from " + reader.procRoot());
        stopped.await();
        return ExitCodes.OK;
    }

    private ListenAddress listenAddress() {
        ListenAddress address;
        try {
            address = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new UserError("exporter: --listen " + e.getMessage(), ExitCodes.USAGE);
        }
        if (!address.isLoopback() && !allowRemote) {
            throw new UserError("exporter: --listen " + address + " is reachable from other hosts;"
                    + " add --allow-remote to serve /metrics beyond loopback", ExitCodes.USAGE);
        }
        return address;
    }

    private HostMetricsReader.Config config() {
        List<GroupRule> rules = new ArrayList<>();
        for (String spec : groups) {
            try {
                rules.add(GroupRule.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UserError("exporter: --group " + e.getMessage(), ExitCodes.USAGE);
            }
        }
        if (rules.stream().map(GroupRule::name).distinct().count() != rules.size()) {
            throw new UserError("exporter: --group names must be unique", ExitCodes.USAGE);
        }
        Optional<Path> cgroups = cgroupRoot.equals("none") ? Optional.empty() : Optional.of(Path.of(cgroupRoot));
        if (cgroups.isPresent() && !Files.isDirectory(cgroups.get())) {
            throw new UserError("exporter: --cgroup-root " + cgroupRoot + ": no such directory (use 'none' to skip)", ExitCodes.USAGE);
        }
        try {
            return new HostMetricsReader.Config(procRoot.resolve(), cgroups, topPss, maxLabelValues, rules, exposeCmdline,
                    Duration.ofSeconds(pssRefreshSeconds));
        } catch (IllegalArgumentException e) {
            throw new UserError("exporter: " + e.getMessage(), ExitCodes.USAGE);
        }
    }
}
