package dev.procward.cli.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The packaged exporter scraped by a real Prometheus (Debian's), on loopback, with its own
 * configuration and data directory: five real zombies must show up through Prometheus's query
 * API, the alert rules must load, and every dashboard query must be valid PromQL.
 */
class ExporterPrometheusIT {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final String PARENT_COMM = "pw-zomb-prom";
    static final ObjectMapper JSON = new ObjectMapper();

    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started.reversed()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        http.close();
    }

    @Test
    void prometheusSeesFiveRealZombiesThroughTheExporter(@TempDir Path dir) throws Exception {
        Path prometheus = RepoFiles.tool("prometheus");
        Path jar = RepoFiles.root().resolve("cli/target/procward.jar");
        assertTrue(Files.isRegularFile(jar), "run through failsafe, after package: " + jar);

        int exporterPort = freePort();
        Process exporter = start(dir.resolve("exporter.log"), javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx96m", "-jar", jar.toString(), "exporter",
                "--listen", "127.0.0.1:" + exporterPort, "--sample-hz", "2", "--snapshot-reuse", "0",
                "--group", "zombie-makers=comm:^" + PARENT_COMM + "$");
        String exporterUrl = "http://127.0.0.1:" + exporterPort;
        await("the exporter to answer /-/healthy", () -> status(exporterUrl + "/-/healthy") == 200, exporter);

        startZombies(5);

        Files.copy(RepoFiles.kubernetes().resolve("procward-alerts.rules.yml"), dir.resolve("rules.yml"));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - rules.yml
                scrape_configs:
                  - job_name: procward
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporterPort));
        int promPort = freePort();
        Process prom = start(dir.resolve("prometheus.log"), prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + promPort,
                "--storage.tsdb.retention.time=1h");
        String promUrl = "http://127.0.0.1:" + promPort;
        await("Prometheus to be ready", () -> status(promUrl + "/-/ready") == 200, prom);

        String byParent = "procward_zombies_by_parent{job=\"procward\",parent_comm=\"" + PARENT_COMM + "\"}";
        await(byParent + " to reach 5 in Prometheus", () -> value(promUrl, byParent) == 5, prom);
        assertTrue(value(promUrl, "procward_zombies{job=\"procward\"}") >= 5, "the total includes them");
        assertEquals(6, value(promUrl, "procward_group_processes{group=\"zombie-makers\"}"),
                "the parent and its zombies, which inherited its comm");
        assertEquals(1, value(promUrl, "up{job=\"procward\"}"));
        assertTrue(value(promUrl, "procward_scrape_processes_read") > 5);
        await("D-state samples to be counted", () -> value(promUrl, "procward_dstate_samples_total") > 0, prom);

        JsonNode rules = get(promUrl + "/api/v1/rules?type=alert").path("data").path("groups");
        List<String> loaded = new ArrayList<>();
        rules.forEach(g -> g.path("rules").forEach(r -> {
            loaded.add(r.path("name").asText());
            assertEquals("ok", r.path("health").asText(), r.toString());
        }));
        assertTrue(loaded.containsAll(List.of("ProcwardZombiesGrowing", "ProcwardDStatePileUp", "ProcwardPidHeadroomLow")), loaded.toString());

        JsonNode dashboard = JSON.readTree(RepoFiles.kubernetes().resolve("grafana-dashboard.json").toFile());
        for (JsonNode expr : dashboard.findValues("expr")) {
            String promql = expr.asText().replace("$__rate_interval", "1m").replace("$instance", ".*");
            JsonNode r = get(promUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            assertEquals("success", r.path("status").asText(), promql + " -> " + r);
        }
    }

    void startZombies(int n) throws IOException {
        Path script = RepoFiles.root().resolve("probes/src/test/resources/dev/procward/probes/metrics/zombie-maker.py");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, script.toString(), Integer.toString(n), PARENT_COMM)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(p);
        assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream())).readLine());
    }

    Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Check check, Process mustStayUp) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(mustStayUp.isAlive(), "a process exited while waiting for " + what);
            try {
                if (check.ok()) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("gave up waiting for " + what + " after " + PATIENCE);
    }

    int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    JsonNode get(String url) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The single value of an instant query, or NaN when it returns nothing. */
    double value(String promUrl, String query) throws Exception {
        JsonNode result = get(promUrl + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .path("data").path("result");
        if (result.isEmpty()) return Double.NaN;
        assertEquals(1, result.size(), query + " -> " + result);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
