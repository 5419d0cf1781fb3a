package dev.procward.cli.exporter;

import dev.procward.cli.Prerequisite;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The two capabilities the deployment grants are the ones the exporter needs, and each is needed:
 * the packaged exporter runs as user nobody with exactly the given ambient capabilities (as the
 * systemd unit runs it) and reports on a process owned by root. CAP_SYS_PTRACE is what lets it
 * read that process's PSS; CAP_DAC_READ_SEARCH is what lets it count its open descriptors.
 */
class ExporterCapabilitiesIT {

    static final String TARGET_COMM = "pw-capcheck";
    static Process target;
    static Path jar;

    @BeforeAll
    static void rootAndATarget() throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip());
        boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
        Prerequisite.require(root && setpriv, "needs root and setpriv to drop to nobody with chosen capabilities");
        // A copy of the jar that user nobody can read, wherever the checkout lives.
        Path dir = Files.createTempDirectory("procward-caps", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        jar = Files.copy(RepoFiles.root().resolve("cli/target/procward.jar"), dir.resolve("procward.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        target = new ProcessBuilder(python, "-c", "import sys, time; open('/proc/self/comm', 'w').write(sys.argv[1]);"
                + " print('ready', flush=True); time.sleep(600)", TARGET_COMM).start();
        assertEquals("ready", new BufferedReader(new InputStreamReader(target.getInputStream())).readLine());
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (target != null) {
            target.destroy();
            target.waitFor(30, TimeUnit.SECONDS);
        }
        if (jar != null) {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(jar.getParent());
        }
    }

    @ParameterizedTest(name = "caps [{0}]: PSS readable {1}, fds countable {2}")
    @CsvSource({
            "'+sys_ptrace,+dac_read_search', true, true",
            "'+sys_ptrace', true, false",
            "'+dac_read_search', false, true",
            "'', false, false"})
    void eachCapabilityUnlocksWhatTheManifestSays(String caps, boolean pss, boolean fds) throws Exception {
        int port = ExporterPrometheusIT.freePort();
        String set = "-all" + (caps.isEmpty() ? "" : "," + caps);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=" + set, "--ambient-caps=" + set, "--bounding-set=" + set,
                ExporterPrometheusIT.javaBinary(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xmx96m", "-jar", jar.toString(), "exporter", "--listen", "127.0.0.1:" + port,
                "--sample-hz", "0", "--top-pss", "1000", "--group", "target=comm:^" + TARGET_COMM + "$"));
        Process exporter = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = scrape(http, port, exporter);
            String pidLabel = "pid=\"" + target.pid() + "\"";
            boolean ranked = body.lines().anyMatch(l -> l.startsWith("procward_top_pss_bytes{") && l.contains(pidLabel));
            assertEquals(pss, ranked, "PSS of a root process with caps [" + caps + "]");
            double fdCount = body.lines().filter(l -> l.startsWith("procward_group_open_fds{group=\"target\"}"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
            assertEquals(fds, fdCount >= 3, "open fds of a root process with caps [" + caps + "]: " + fdCount);
            assertTrue(body.contains("procward_group_processes{group=\"target\"} 1.0"), "the listing itself needs no capability");
        } finally {
            exporter.destroy();
            exporter.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static String scrape(HttpClient http, int port, Process exporter) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(exporter.isAlive(), "the exporter exited (exit " + (exporter.isAlive() ? "" : exporter.exitValue()) + ")");
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return r.body();
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the exporter never answered");
    }
}
