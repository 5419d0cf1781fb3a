package dev.procward.cli.exporter;

import dev.procward.probes.metrics.DStateTally;
import dev.procward.probes.metrics.HostMetrics;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ExporterServerTest {

    static HostMetrics sample(Optional<String> cmdline) {
        return new HostMetrics(120, 400, 3, Map.of("bash", 2L, "other", 1L), OptionalLong.of(4194304),
                List.of(new HostMetrics.CgroupPids("/system.slice/web.service", 40, OptionalLong.of(100))),
                Optional.of(new HostMetrics.FileHandles(2048, 9223372036854775807L)),
                Optional.of(new HostMetrics.Pid1("tini", true)), OptionalLong.of(2),
                List.of(new HostMetrics.TopProcess(1, 77, "java", 512L << 20, cmdline)),
                List.of(new HostMetrics.GroupStats("web", 4, 9, 1 << 20, 33, 1.5, 0.5)),
                new HostMetrics.Cost(0.012, 120, 1, 3, true, 4.5, 0.25));
    }

    static HttpResponse<String> get(ExporterServer s, String path) throws Exception {
        try (HttpClient c = HttpClient.newHttpClient()) {
            return c.send(HttpRequest.newBuilder(URI.create("http://" + s.address() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void servesEveryFamilyInTheTextFormat() throws Exception {
        DStateTally tally = new DStateTally(5);
        tally.record(List.of(new DStateTally.Observation("nfs_wait_bit_killable", "read")));
        var shared = new SingleFlight<>(() -> sample(Optional.empty()), Duration.ZERO);
        try (ExporterServer s = ExporterServer.start(ListenAddress.parse("127.0.0.1:0"),
                new ProcwardCollector(shared, Optional.of(tally)))) {
            HttpResponse<String> r = get(s, "/metrics");
            assertEquals(200, r.statusCode());
            String body = r.body();
            for (String line : List.of(
                    "procward_zombies 3.0",
                    "procward_zombies_by_parent{parent_comm=\"bash\"} 2.0",
                    "procward_processes 120.0",
                    "procward_threads 400.0",
                    "procward_pid_max 4194304.0",
                    "procward_cgroup_pids{cgroup=\"/system.slice/web.service\"} 40.0",
                    "procward_cgroup_pids_max{cgroup=\"/system.slice/web.service\"} 100.0",
                    "procward_open_files 2048.0",
                    "procward_pid1_reaps{comm=\"tini\"} 1.0",
                    "procward_oom_kills_total 2.0",
                    "procward_top_pss_bytes{comm=\"java\",pid=\"77\",rank=\"1\"} 5.36870912E8",
                    "procward_group_cpu_seconds_total{group=\"web\",mode=\"user\"} 1.5",
                    "procward_group_open_fds{group=\"web\"} 33.0",
                    "procward_dstate_threads 1.0",
                    "procward_dstate_observations_by_wchan_total{wchan=\"nfs_wait_bit_killable\"} 1.0",
                    "procward_dstate_observations_by_syscall_total{syscall=\"read\"} 1.0",
                    "procward_scrape_duration_seconds 0.012",
                    "procward_scrape_processes_read 120.0",
                    "procward_scrape_listing_age_seconds 0.25")) {
                assertTrue(body.lines().anyMatch(line::equals), "missing '" + line + "' in:\n" + body);
            }
            assertFalse(body.contains("cmdline"), "no command line unless asked for");
            assertEquals(200, get(s, "/-/healthy").statusCode());
        }
    }

    @Test
    void theCommandLineAppearsOnlyWhenItWasAskedFor() throws Exception {
        var shared = new SingleFlight<>(() -> sample(Optional.of("java -jar app.jar")), Duration.ZERO);
        try (ExporterServer s = ExporterServer.start(ListenAddress.parse("127.0.0.1:0"),
                new ProcwardCollector(shared, Optional.empty()))) {
            assertTrue(get(s, "/metrics").body().contains("cmdline=\"java -jar app.jar\""));
        }
    }

    @Test
    void concurrentScrapesShareOneSnapshot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        var shared = new SingleFlight<>(() -> {
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return sample(Optional.empty());
        }, Duration.ZERO);
        try (ExporterServer s = ExporterServer.start(ListenAddress.parse("127.0.0.1:0"),
                new ProcwardCollector(shared, Optional.empty()))) {
            List<CompletableFuture<HttpResponse<String>>> scrapes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                scrapes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return get(s, "/metrics");
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            // Both handler threads must be inside collect() before the snapshot is allowed to finish.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (shared.waiting() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            release.countDown();
            for (var f : scrapes) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertEquals(1, shared.loads(), "two scrapes, one walk of /proc");
            assertTrue(get(s, "/metrics").body().contains("procward_snapshots_total 2.0"));
        }
    }

    @Test
    void aBusyPortIsAOneLineError() {
        var shared = new SingleFlight<>(() -> sample(Optional.empty()), Duration.ZERO);
        try (ExporterServer first = ExporterServer.start(ListenAddress.parse("127.0.0.1:0"),
                new ProcwardCollector(shared, Optional.empty()))) {
            var e = assertThrows(java.io.UncheckedIOException.class, () -> ExporterServer.start(first.address(),
                    new ProcwardCollector(shared, Optional.empty())));
            assertTrue(e.getMessage().startsWith("cannot listen on " + first.address()), e.getMessage());
        }
    }
}
