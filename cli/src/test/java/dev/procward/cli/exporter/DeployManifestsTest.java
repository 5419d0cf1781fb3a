package dev.procward.cli.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.procward.cli.ExporterCommand;
import dev.procward.cli.ProcwardCommand;
import dev.procward.probes.metrics.DStateTally;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The deploy/ files parse, and agree with what the Dockerfile builds and what the exporter
 * serves: image, launcher path, port, flags, metric names.
 */
class DeployManifestsTest {

    static Path repo;
    static Path kube;
    static JsonNode daemonSet;
    static JsonNode container;

    @BeforeAll
    static void load() throws Exception {
        repo = RepoFiles.root();
        kube = RepoFiles.kubernetes();
        daemonSet = yaml("daemonset.yaml").getFirst();
        assertEquals("DaemonSet", daemonSet.path("kind").asText());
        container = daemonSet.at("/spec/template/spec/containers/0");
    }

    static List<JsonNode> yaml(String file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(kube.resolve(file).toFile())) {
            var it = new YAMLMapper().readValues(parser, JsonNode.class);
            while (it.hasNext()) docs.add(it.next());
        }
        assertFalse(docs.isEmpty(), file + " holds no document");
        return docs;
    }

    static String dockerfile() throws Exception {
        return Files.readString(repo.resolve("Dockerfile"));
    }

    static ExporterCommand parsedArgs() {
        List<String> all = texts(container.path("args"));
        int jar = all.indexOf("-jar");
        assertTrue(jar >= 0, "the DaemonSet runs the jar: " + all);
        List<String> args = all.subList(jar + 2, all.size());
        assertEquals("exporter", args.getFirst(), "the DaemonSet runs the exporter subcommand");
        CommandLine.ParseResult parsed = ProcwardCommand.commandLine().parseArgs(args.toArray(String[]::new));
        return (ExporterCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void theDaemonSetSeesTheHostsProcessesReadOnly() {
        JsonNode pod = daemonSet.at("/spec/template/spec");
        assertTrue(pod.path("hostPID").asBoolean(), "hostPID: true");
        JsonNode procVolume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.at("/hostPath/path").asText().equals("/proc")) procVolume = v;
        }
        assertNotNull(procVolume, "a hostPath volume of /proc");
        String name = procVolume.path("name").asText();
        boolean mountedReadOnly = false;
        String mountPath = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(name)) {
                mountedReadOnly = m.path("readOnly").asBoolean();
                mountPath = m.path("mountPath").asText();
            }
        }
        assertTrue(mountedReadOnly, "the host's /proc is mounted read-only");
        assertTrue(container.path("args").toString().contains("\"" + mountPath + "\""), "the exporter reads the mounted /proc");
    }

    @Test
    void theContainerHoldsOnlyTheTwoCapabilitiesItNeeds() {
        JsonNode sc = container.path("securityContext");
        assertEquals(List.of("ALL"), texts(sc.at("/capabilities/drop")));
        assertEquals(Set.of("SYS_PTRACE", "DAC_READ_SEARCH"), new HashSet<>(texts(sc.at("/capabilities/add"))));
        assertFalse(sc.path("privileged").asBoolean(false));
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true));
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean());
    }

    @Test
    void resourcesAndProbesAreSet() {
        for (String k : List.of("requests", "limits")) {
            assertTrue(container.at("/resources/" + k + "/cpu").isTextual(), k + ".cpu");
            assertTrue(container.at("/resources/" + k + "/memory").isTextual(), k + ".memory");
        }
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertEquals("/-/healthy", container.at("/" + probe + "/httpGet/path").asText(), probe);
            assertEquals("metrics", container.at("/" + probe + "/httpGet/port").asText(), probe);
        }
    }

    @Test
    void theImageAndLauncherAreWhatTheDockerfileBuilds() throws Exception {
        String dockerfile = dockerfile();
        String image = container.path("image").asText();
        String repository = image.replaceFirst("[:@].*$", "");
        assertTrue(dockerfile.contains("docker build -t " + repository + " "), "the Dockerfile documents building '" + repository + "'");
        Matcher runtime = Pattern.compile("jlink [^\\n]*(?:\\\\\\n[^\\n]*)*--output (\\S+)").matcher(dockerfile);
        assertTrue(runtime.find(), "the Dockerfile jlinks a runtime");
        assertEquals(runtime.group(1) + "/bin/java", container.path("command").get(0).asText(), "the image's own java");
        Matcher jar = Pattern.compile("(?m)^COPY cli/target/procward\\.jar (\\S+)").matcher(dockerfile);
        assertTrue(jar.find(), "the Dockerfile copies the jar");
        List<String> args = texts(container.path("args"));
        assertEquals(jar.group(1), args.get(args.indexOf("-jar") + 1), "the jar where the image puts it");
        assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), "FFM needs native access");
        Matcher modules = Pattern.compile("ARG JAVA_MODULES=(\\S+)").matcher(dockerfile);
        assertTrue(modules.find());
        assertTrue(List.of(modules.group(1).split(",")).contains("jdk.httpserver"),
                "the image's runtime has the HTTP server the exporter serves with");
    }

    @Test
    void portsAgreeAcrossDaemonSetServiceExporterAndDockerfile() throws Exception {
        ExporterCommand args = parsedArgs();
        ListenAddress listen = ListenAddress.parse(args.listen());
        assertEquals(ListenAddress.DEFAULT_PORT, listen.port(), "the manifests use the exporter's default port");
        assertTrue(args.allowRemote() || listen.isLoopback(), "a pod IP needs --allow-remote");
        JsonNode port = container.at("/ports/0");
        assertEquals(listen.port(), port.path("containerPort").asInt());
        assertEquals("metrics", port.path("name").asText());

        JsonNode service = yaml("service.yaml").getFirst();
        assertEquals("Service", service.path("kind").asText());
        assertEquals(daemonSet.at("/spec/template/metadata/labels"), service.at("/spec/selector"), "the Service selects the DaemonSet's pods");
        assertEquals("metrics", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(listen.port(), service.at("/spec/ports/0/port").asInt());
        assertEquals(Integer.toString(listen.port()), service.at("/metadata/annotations/prometheus.io~1port").asText());

        Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(.+)$").matcher(dockerfile());
        List<String> exposed = new ArrayList<>();
        while (expose.find()) exposed.addAll(List.of(expose.group(1).trim().split("\\s+")));
        if (!exposed.isEmpty()) {
            assertTrue(exposed.stream().anyMatch(e -> e.replace("/tcp", "").equals(Integer.toString(listen.port()))),
                    "the Dockerfile EXPOSEs " + exposed + ", not " + listen.port());
        }
    }

    @Test
    void theSystemdUnitRunsTheImageLayoutOnLoopbackWithTheSameTwoCapabilities() throws Exception {
        String unit = Files.readString(repo.resolve("deploy/systemd/procward-exporter.service"));
        Matcher exec = Pattern.compile("(?m)^ExecStart=(.+)$").matcher(unit);
        assertTrue(exec.find(), "an ExecStart line");
        List<String> line = List.of(exec.group(1).trim().split("\\s+"));
        assertEquals(container.path("command").get(0).asText(), line.getFirst(), "the same java as the DaemonSet");
        int jar = line.indexOf("-jar");
        List<String> daemonSetArgs = texts(container.path("args"));
        assertEquals(daemonSetArgs.get(daemonSetArgs.indexOf("-jar") + 1), line.get(jar + 1), "the same jar as the DaemonSet");
        List<String> args = line.subList(jar + 2, line.size());
        var parsed = ProcwardCommand.commandLine().parseArgs(args.toArray(String[]::new));
        ExporterCommand exporter = (ExporterCommand) parsed.subcommand().commandSpec().userObject();
        assertTrue(ListenAddress.parse(exporter.listen()).isLoopback(), "a host service stays on loopback by default");
        Set<String> daemonSetCaps = new HashSet<>();
        container.at("/securityContext/capabilities/add").forEach(c -> daemonSetCaps.add("CAP_" + c.asText()));
        for (String key : List.of("AmbientCapabilities", "CapabilityBoundingSet")) {
            Matcher m = Pattern.compile("(?m)^" + key + "=(.+)$").matcher(unit);
            assertTrue(m.find(), key);
            assertEquals(daemonSetCaps, Set.of(m.group(1).trim().split("\\s+")), key);
        }
        assertTrue(Pattern.compile("(?m)^NoNewPrivileges=yes$").matcher(unit).find());
        assertFalse(Pattern.compile("(?m)^(ProtectProc=invisible|ProcSubset=pid)").matcher(unit).find(),
                "the exporter must see every process and /proc/sys");
    }

    @Test
    void rulesAndDashboardUseOnlyMetricsTheExporterServes() throws Exception {
        Set<String> served = servedMetricNames();
        Pattern name = Pattern.compile("\\bprocward_[a-z0-9_]+");
        List<String> sources = new ArrayList<>();
        for (JsonNode group : yaml("procward-alerts.rules.yml").getFirst().path("groups")) {
            for (JsonNode rule : group.path("rules")) sources.add(rule.path("expr").asText());
        }
        JsonNode dashboard = new ObjectMapper().readTree(kube.resolve("grafana-dashboard.json").toFile());
        dashboard.findValues("expr").forEach(e -> sources.add(e.asText()));
        assertTrue(sources.size() > 10);
        for (String expr : sources) {
            Matcher m = name.matcher(expr);
            assertTrue(m.find(), "no procward metric in: " + expr);
            do {
                assertTrue(served.contains(m.group()), m.group() + " is not served; in: " + expr);
            } while (m.find());
        }
    }

    /** Every series name in a full scrape: each family filled, as on a host with everything to report. */
    static Set<String> servedMetricNames() throws Exception {
        DStateTally tally = new DStateTally(3);
        tally.record(List.of(new DStateTally.Observation("io_schedule", "read")));
        var collector = new ProcwardCollector(new SingleFlight<>(() -> ExporterServerTest.sample(Optional.of("x")), Duration.ZERO),
                Optional.of(tally));
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        Set<String> names = new HashSet<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) names.add(line.split("[{ ]")[0]);
        }
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
