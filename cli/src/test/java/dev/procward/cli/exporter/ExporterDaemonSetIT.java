package dev.procward.cli.exporter;

import dev.procward.cli.Prerequisite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The DaemonSet's pod, run for real: the project's image built from the top-level Dockerfile, and
 * the container spec of deploy/kubernetes/daemonset.yaml translated flag by flag into
 * {@code docker run} (host PID namespace, capabilities, read-only root, the host's /proc mounted
 * read-only, command, args, limits). The exporter inside must see five zombies made on the host
 * and rank host processes by PSS, which needs the capabilities the manifest grants.
 */
class ExporterDaemonSetIT {

    static final String LABEL = "dev.procward.test=exporter-it";
    static final String PARENT_COMM = "pw-zomb-k8s";

    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final String image = "procward-exporter-it:" + runId;
    final String name = "procward-exporter-it-" + runId;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        docker(Duration.ofMinutes(1), "rm", "-f", "-v", name);
        docker(Duration.ofMinutes(2), "rmi", "-f", image);
    }

    @Test
    void theManifestsPodSeesTheHostsZombiesAndMemory() throws Exception {
        requireDocker();
        Path root = RepoFiles.root();
        assertTrue(Files.isRegularFile(root.resolve("cli/target/procward.jar")), "runs after package");
        List<String> build = new ArrayList<>(List.of("build", "--force-rm", "--label", LABEL, "-t", image));
        for (String[] base : new String[][]{{"BUILD_IMAGE", "procward-local/temurin:25-jdk"},
                {"RUNTIME_IMAGE", "procward-local/bookworm-slim:latest"}}) {
            if (docker(Duration.ofSeconds(30), "image", "inspect", base[1]).exit() == 0) {
                build.addAll(List.of("--build-arg", base[0] + "=" + base[1]));
            }
        }
        build.add(root.toString());
        Result built = docker(Duration.ofMinutes(10), build.toArray(String[]::new));
        assertEquals(0, built.exit(), "docker build failed:\n" + tail(built.output()));

        JsonNode pod = new YAMLMapper().readTree(RepoFiles.kubernetes().resolve("daemonset.yaml").toFile()).at("/spec/template/spec");
        int hostPort = ExporterPrometheusIT.freePort();
        List<String> run = dockerRun(pod, hostPort);
        Result started = docker(Duration.ofMinutes(2), run.toArray(String[]::new));
        assertEquals(0, started.exit(), String.join(" ", run) + "\n" + started.output());

        startZombies();
        String url = "http://127.0.0.1:" + hostPort;
        String healthPath = pod.at("/containers/0/livenessProbe/httpGet/path").asText();
        String body = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (get(http, url + healthPath).statusCode() == 200) {
                        body = get(http, url + "/metrics").body();
                        if (body.contains("procward_zombies_by_parent{parent_comm=\"" + PARENT_COMM + "\"} 5.0")) break;
                    }
                } catch (IOException e) {
                    // not up yet
                }
                Thread.sleep(300);
            }
        }
        assertNotNull(body, "the pod never answered its liveness probe; logs:\n" + docker(Duration.ofSeconds(30), "logs", name).output());
        assertTrue(body.contains("procward_zombies_by_parent{parent_comm=\"" + PARENT_COMM + "\"} 5.0"),
                "the host's zombies, seen through hostPID and /host/proc:\n" + body);
        assertTrue(body.lines().anyMatch(l -> l.startsWith("procward_top_pss_bytes{")), "PSS of host processes is readable");
        assertTrue(body.lines().anyMatch(l -> l.startsWith("procward_pid_max ")));
        assertTrue(body.lines().anyMatch(l -> l.startsWith("procward_pid1_reaps{")));
    }

    /** The container spec as {@code docker run} flags; a field it cannot translate fails the test. */
    List<String> dockerRun(JsonNode pod, int hostPort) {
        JsonNode c = pod.at("/containers/0");
        JsonNode sc = c.path("securityContext");
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", name, "--label", LABEL));
        if (pod.path("hostPID").asBoolean()) run.add("--pid=host");
        if (sc.has("runAsUser")) run.add("--user=" + sc.path("runAsUser").asInt());
        sc.at("/capabilities/drop").forEach(cap -> run.add("--cap-drop=" + cap.asText()));
        sc.at("/capabilities/add").forEach(cap -> run.add("--cap-add=" + cap.asText()));
        if (!sc.path("allowPrivilegeEscalation").asBoolean(true)) run.add("--security-opt=no-new-privileges");
        if (sc.path("readOnlyRootFilesystem").asBoolean()) run.add("--read-only");
        if (sc.at("/appArmorProfile/type").asText().equals("Unconfined")) run.add("--security-opt=apparmor=unconfined");
        assertFalse(sc.path("privileged").asBoolean(false), "a privileged pod would prove nothing");
        for (JsonNode mount : c.path("volumeMounts")) {
            JsonNode volume = null;
            for (JsonNode v : pod.path("volumes")) if (v.path("name").asText().equals(mount.path("name").asText())) volume = v;
            assertNotNull(volume, "volume of " + mount);
            String target = mount.path("mountPath").asText();
            if (volume.has("hostPath")) {
                run.add("--volume=" + volume.at("/hostPath/path").asText() + ":" + target + (mount.path("readOnly").asBoolean() ? ":ro" : ""));
            } else if (volume.has("emptyDir")) {
                run.add("--tmpfs=" + target);
            } else {
                fail("cannot translate volume " + volume);
            }
        }
        c.path("env").forEach(e -> run.add("--env=" + e.path("name").asText() + "=" + e.path("value").asText()));
        String memory = c.at("/resources/limits/memory").asText();
        assertTrue(memory.endsWith("Mi"), memory);
        run.add("--memory=" + memory.replace("Mi", "m"));
        String cpu = c.at("/resources/limits/cpu").asText();
        run.add("--cpus=" + (cpu.endsWith("m") ? Integer.parseInt(cpu.replace("m", "")) / 1000.0 : Double.parseDouble(cpu)));
        run.add("--publish=127.0.0.1:" + hostPort + ":" + c.at("/ports/0/containerPort").asInt());
        run.add("--entrypoint=" + c.path("command").get(0).asText());
        run.add(image);
        for (int i = 1; i < c.path("command").size(); i++) run.add(c.path("command").get(i).asText());
        c.path("args").forEach(a -> run.add(a.asText()));
        return run;
    }

    void startZombies() throws IOException {
        Path script = RepoFiles.root().resolve("probes/src/test/resources/dev/procward/probes/metrics/zombie-maker.py");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, script.toString(), "5", PARENT_COMM).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(p);
        assertEquals("ready", new BufferedReader(new InputStreamReader(p.getInputStream())).readLine());
    }

    static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    record Result(int exit, String output) {}

    static Result docker(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out));
    }

    static void requireDocker() throws Exception {
        boolean ok;
        try {
            ok = docker(Duration.ofSeconds(60), "info").exit() == 0;
        } catch (IOException e) {
            ok = false;
        }
        Prerequisite.require(ok, "a running Docker engine");
    }

    static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
