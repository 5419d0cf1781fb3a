package dev.procward.cli.diag;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.inspect.PsColumn;
import dev.procward.cli.render.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Golden keys: every {@code --output json} document's exact set of key paths, so renaming or
 * dropping a field fails here (and must raise {@link Json#SCHEMA_VERSION} and the docs). A path is
 * {@code a.b} for a nested object, {@code a[].b} for the objects in an array, {@code a.*} for an
 * open map whose keys are data (sched stats, stuck's group columns), and a recursive array
 * (tree's {@code children[]}, nodes like their parent) is folded into one level. A key below a null object or an empty
 * array cannot be seen, so it is only excused when the run gave it no value anywhere. Every
 * path must also appear, in backquotes, in the docs file that documents the command.
 */
class JsonSchemaTest {
    private static final Path DIAGNOSTICS = Path.of("../docs/diagnostics.md");
    private static final Path PROBES = Path.of("../docs/probes.md");
    private static final Path INIT = Path.of("../docs/init.md");
    private static final Path SPAWN = Path.of("../docs/spawn.md");

    @TempDir
    Path dir;

    @RegisterExtension
    final StartedProcesses procs = new StartedProcesses();

    private Process start(String... command) throws IOException {
        return procs.start(command);
    }

    // ---- golden key sets ----------------------------------------------------------------------

    static final String PS = """
            schemaVersion columns processes vanished processes[].gaps
            """; // plus processes[].KEY for every column, from PsColumn

    static final String TREE_NODE = """
            pid ppid pgid sid comm state args namespacesDifferingFromParent threads threads[].tid threads[].comm
            children gaps
            """;

    static final String INSPECT = """
            schemaVersion
            identity identity.pid identity.ppid identity.pgid identity.sid identity.tpgid identity.tty identity.tgid
            identity.nsPid identity.comm identity.cmdline identity.kernelThread identity.startedAtMillis identity.ageSeconds
            state state.code state.description state.wchan state.tracerPid
            credentials credentials.groups credentials.groups[].gid credentials.groups[].name
            capabilities capabilities.inheritable capabilities.permitted capabilities.effective capabilities.bounding
            capabilities.ambient capabilities.fullEffective capabilities.noNewPrivs capabilities.seccomp
            signals signals.pending signals.blocked signals.ignored signals.caught
            memory memory.vmSize memory.vmRss memory.rssAnon memory.rssFile memory.rssShmem memory.vmSwap memory.vmLocked
            memory.pss memory.uss memory.swap memory.swapPss memory.source
            threads threads[].tid threads[].comm threads[].state threads[].wchan threads[].syscall threads[].gaps
            threads[].gaps[].source threads[].gaps[].reason
            fds fds[].fd fds[].target fds[].type fds[].inode fds[].detail
            paths paths.cwd paths.exe paths.root
            namespaces namespaces[].type namespaces[].inode namespaces[].differsFromInit
            cgroup cgroup.membership cgroup.membership.entries cgroup.membership.entries[].hierarchyId
            cgroup.membership.entries[].controllers cgroup.membership.entries[].path
            cgroup.usage cgroup.usage.version cgroup.usage.memory cgroup.usage.pids cgroup.usage.oomKills
            limits limits.limits limits.limits[].name limits.limits[].soft limits.limits[].hard limits.limits[].units
            oom oom.score oom.scoreAdj
            scheduling scheduling.policy scheduling.rtPriority scheduling.priority scheduling.nice scheduling.processor
            scheduling.stats scheduling.stats.*
            io io.rchar io.wchar io.syscr io.syscw io.readBytes io.writeBytes io.cancelledWriteBytes
            maps maps.detailed maps.vmas maps.vmas[].start maps.vmas[].end maps.vmas[].perms maps.vmas[].offset
            maps.vmas[].device maps.vmas[].inode maps.vmas[].path maps.vmas[].rssKb maps.vmas[].pssKb
            maps.vmas[].privateKb maps.vmas[].swapKb
            environ environ.entries environ.entries[].name environ.entries[].value
            gaps gaps[].source gaps[].reason
            """;

    /** An id with its name: credentials.uid.real … credentials.gid.fs. */
    static final String ID = "id name";

    /** A cgroup counter: usage against the limit that binds. */
    static final String COUNTER = "cgroup current max";

    static final String SIGCHLD = "summary caught ignored blocked";

    static final String ZOMBIES = """
            zombies parents parents[].pid parents[].comm parents[].cmdline parents[].zombieCount parents[].zombiePids
            parents[].oldestAgeSeconds parents[].sigchld parents[].remedy parents[].advice
            parents[].adopter parents[].adopter.pid parents[].adopter.comm parents[].adopter.inferred parents[].adopter.reaps
            headroom headroom.processes headroom.tasks headroom.pidMax headroom.cgroupPids
            """;

    static final String DOCTOR = """
            worst findings findings[].check findings[].severity findings[].summary findings[].remedy
            facts facts.inContainer facts.containerSigns facts.pid1Comm facts.pid1Sigchld facts.processes facts.tasks
            facts.zombies facts.dThreads facts.pidMax facts.cgroupPids facts.filesAllocated facts.fileMax
            facts.cgroupMemory facts.load1 facts.cpus facts.oomKillsInLog facts.oomKillsCgroup facts.kernelLogGap
            topPss topPss[].pid topPss[].comm topPss[].cmdline topPss[].pssKb topPss[].rssKb topPss[].oomScore
            topPss[].oomScoreAdj
            zombies
            """;

    static final String THREAD_ACTIVITY = """
            pid tid comm state syscall wchan kstack file file.fd file.path file.mountPoint file.fsType file.device
            file.source file.network file.fuse
            """;

    static final String STUCK = """
            sweeps seconds groupBy rows rows[].group rows[].group.* rows[].samples rows[].avgThreads blocked
            load load.loadavg load.loadavg.one load.loadavg.five load.loadavg.fifteen load.loadavg.runnable
            load.loadavg.entities load.loadavg.lastPid load.cpus load.avgRunning load.avgBlocked load.threads load.verdict source note
            """;

    static final String SIGNAL_DRY_RUN = """
            targets targets[].pid targets[].comm targets[].cmdline targets[].state targets[].startTime
            """;

    static final String SIGNAL = """
            signal name targets targets[].pid targets[].comm targets[].cmdline targets[].sent targets[].error
            targets[].blocked targets[].gone targets[].zombie warnings
            """;

    static final String SCHED = """
            threads threads[].tid threads[].policy threads[].priority threads[].nice threads[].resetOnFork
            """;

    static final String BENCH_SPAWN = """
            machine machine.kernel machine.cpuModel machine.cpus machine.glibc machine.jdk machine.thpMode
            machine.memTotalBytes machine.loadAverage
            settings settings.methods settings.parentSizes settings.targets settings.iterations settings.warmup
            settings.maxSecondsPerCell settings.jitWarmupSpawns settings.jitWarmupMaxSeconds
            cells cells[].method cells[].label cells[].target cells[].parent cells[].parentBytes cells[].hugePages
            cells[].parentPid cells[].parentRssBytes cells[].parentAnonHugeBytes cells[].group cells[].jitWarmupSpawns
            cells[].spawned cells[].unreapedAfter cells[].timeCapped cells[].latency cells[].latency.count
            cells[].latency.minMicros cells[].latency.medianMicros cells[].latency.p90Micros cells[].latency.p99Micros
            cells[].latency.maxMicros
            unavailable unavailable[].method unavailable[].target unavailable[].parent unavailable[].reason
            targets targets[].measured targets[].reference targets[].target targets[].parent targets[].ratio
            targets[].limit targets[].met targets[].sideBySide
            trends trends[].method trends[].target trends[].hugePages trends[].msPerGib trends[].smallestMedianMicros
            trends[].largestMedianMicros trends[].flat
            verdict leftoverChildren elapsedSeconds charts
            """;

    static final String CAPTURE = """
            file processes files links unreadable bytes
            """;

    static Set<String> zombiesKeys() {
        return keys(ZOMBIES, under("parents[].sigchld.", SIGCHLD), under("headroom.cgroupPids.", COUNTER));
    }

    static Set<String> inspectKeys() {
        List<String> blocks = new ArrayList<>(List.of(INSPECT, under("cgroup.usage.memory.", COUNTER),
                under("cgroup.usage.pids.", COUNTER)));
        for (String kind : List.of("uid", "gid")) {
            blocks.add("credentials." + kind);
            for (String which : List.of("real", "effective", "saved", "fs")) {
                blocks.add("credentials." + kind + "." + which + " " + under("credentials." + kind + "." + which + ".", ID));
            }
        }
        return keys(blocks.toArray(String[]::new));
    }

    static Set<String> doctorKeys() {
        return keys(DOCTOR, under("facts.pid1Sigchld.", SIGCHLD), under("facts.cgroupPids.", COUNTER),
                under("facts.cgroupMemory.", COUNTER));
    }

    // ---- the commands -------------------------------------------------------------------------

    @Test
    void psWithEveryColumn() throws Exception {
        String all = Arrays.stream(PsColumn.values()).map(PsColumn::key).distinct().collect(Collectors.joining(","));
        String pid = Long.toString(ProcessHandle.current().pid());
        JsonNode doc = run("ps", "--output", "json", "-p", pid, "-o", all);
        Set<String> golden = keys(PS);
        for (PsColumn c : PsColumn.values()) golden.add("processes[]." + c.jsonKey());
        assertKeys(golden, doc, PROBES, golden);
    }

    @Test
    void treeWithArgsThreadsAndChildren() throws Exception {
        start("sleep", "300");
        JsonNode doc = run("tree", "--output", "json", "-a", Long.toString(ProcessHandle.current().pid()));
        Set<String> golden = keys("roots", under("roots[].", TREE_NODE));
        assertKeys(golden, doc, PROBES, golden);
    }

    @Test
    void inspectWithMaps() throws Exception {
        Process p = start("env", "PLAIN=ok", "API_TOKEN=x", "sleep", "300");
        JsonNode doc = null;
        for (int i = 0; i < 200; i++) { // until env has exec'd sleep
            doc = run("inspect", "--output", "json", "--maps", Long.toString(p.pid()));
            if ("sleep".equals(doc.path("identity").path("comm").asText())) break;
            Thread.sleep(20);
        }
        assertKeys(inspectKeys(), doc, PROBES, inspectKeys());
    }

    @Test
    void zombies() throws Exception {
        FakeProcRoot fake = scene();
        assertKeys(zombiesKeys(), run("zombies", "--output", "json", "--proc-root", fake.root.toString(),
                "--cgroup-root", fake.cgroup.toString()), DIAGNOSTICS, zombiesKeys());
    }

    @Test
    void doctor() throws Exception {
        FakeProcRoot fake = scene();
        // "zombies" holds the zombies document, documented (and pinned) once, under zombies.
        Set<String> golden = keys(String.join(" ", doctorKeys()), under("zombies.", String.join(" ", zombiesKeys())));
        assertKeys(golden, run(DiagExitCodes.WARNING, "doctor", "--output", "json", "--sample", "0", "--proc-root",
                fake.root.toString(), "--cgroup-root", fake.cgroup.toString(), "--kernel-log", dir.resolve("none").toString()),
                DIAGNOSTICS, doctorKeys());
    }

    @Test
    void stuck() throws Exception {
        FakeProcRoot fake = scene();
        Set<String> golden = keys(STUCK, under("blocked[].", THREAD_ACTIVITY));
        assertKeys(golden, run("stuck", "--output", "json", "--duration", "200ms", "--proc-root", fake.root.toString(),
                "-g", "pid,comm,state,syscall,wchan"), DIAGNOSTICS, golden);
    }

    @Test
    void signalDryRun() throws Exception {
        FakeProcRoot fake = scene();
        Set<String> golden = keys(SIGNAL_DRY_RUN);
        assertKeys(golden, run("signal", "--output", "json", "--dry-run", "TERM", "leaky",
                "--proc-root", fake.root.toString()), DIAGNOSTICS, golden);
    }

    @Test
    void signalSent() throws Exception {
        Process p = start("sleep", "300");
        // targets[].blocked holds stuck's blocked[] objects (ThreadActivity), documented there.
        assertKeys(keys(SIGNAL, under("targets[].blocked[].", THREAD_ACTIVITY)),
                run("signal", "--output", "json", "TERM", Long.toString(p.pid()), "--wait", "10s"), DIAGNOSTICS, keys(SIGNAL));
    }

    @Test
    void sched() throws Exception {
        Process p = start("sleep", "300");
        assertKeys(keys(SCHED), run("sched", "--output", "json", Long.toString(p.pid())), INIT, keys(SCHED));
    }

    @Test
    void capture() throws Exception {
        Process p = start("sleep", "300");
        assertKeys(keys(CAPTURE), run("capture", "--output", "json", "-p", Long.toString(p.pid()),
                dir.resolve("c.zip").toString()), PROBES, keys(CAPTURE));
    }

    /**
     * Two parent sizes and a method with its reference, so that cells, targets and trends all have
     * entries. docs/spawn.md gives this schema as one annotated JSON block rather than key by key,
     * so there every key's last name must appear in that block as {@code "name":}.
     */
    @Test
    void benchSpawn() throws Exception {
        JsonNode doc = run("bench", "spawn", "--parent-rss", "8m,16m", "--methods", "ffm-posix-spawn,c-posix-spawn",
                "--iterations", "2", "--warmup", "0", "--jit-warmup", "0", "--no-chart", "--no-progress", "--output", "json");
        Set<String> golden = keys(BENCH_SPAWN);
        assertKeys(golden, doc, SPAWN, Set.of());
        String block = fencedBlockAfter(Files.readString(SPAWN), "## JSON schema");
        List<String> undocumented = golden.stream().map(k -> k.substring(k.lastIndexOf('.') + 1).replace("[]", ""))
                .filter(leaf -> !block.contains("\"" + leaf + "\":")).toList();
        assertEquals(List.of(), undocumented, "in the JSON schema block of " + SPAWN);
    }

    /** The first ``` block after {@code heading} in {@code docs}. */
    private static String fencedBlockAfter(String docs, String heading) {
        int open = docs.indexOf("```", docs.indexOf(heading));
        return docs.substring(open, docs.indexOf("```", open + 3));
    }

    @Test
    void everyDocumentStartsWithTheSchemaVersion() throws Exception {
        JsonNode doc = run("sched", "--output", "json", Long.toString(ProcessHandle.current().pid()));
        assertEquals(Json.VERSION_FIELD, doc.fieldNames().next());
        assertEquals(Json.SCHEMA_VERSION, doc.get(Json.VERSION_FIELD).asInt());
        assertThrows(IllegalArgumentException.class, () -> Json.document(List.of(1, 2)));
        assertEquals(7, Json.document(Map.of(Json.VERSION_FIELD, 7)).get(Json.VERSION_FIELD).asInt(),
                "a document that carries its own version keeps it");
    }

    // ---- the scene and the key walk -----------------------------------------------------------

    /** PID 1 that does not reap, a leaky parent with zombies, a D-state task, and cgroup limits. */
    private FakeProcRoot scene() throws IOException {
        FakeProcRoot fake = new FakeProcRoot(dir, 10_000, 2)
                .process(1, 0, "process_api", 'S', 9_000, 0, "process_api --serve")
                .process(100, 1, "leaky", 'S', 5_000, 0, "leaky --serve")
                .process(101, 100, "job", 'Z', 600, 0, "")
                .process(200, 1, "backup", 'D', 100, 1L << 16, "backup /mnt/nfs")
                .cgroupFile("cgroup.controllers", "memory pids\n").cgroupFile("pids.current", "5\n").cgroupFile("pids.max", "100\n")
                .cgroupFile("memory.current", "1048576\n").cgroupFile("memory.max", "8388608\n")
                .cgroupFile("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
        return fake;
    }

    private static JsonNode run(String... args) throws IOException {
        return run(0, args);
    }

    private static JsonNode run(int code, String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertEquals(code, r.code(), String.join(" ", args) + ": " + r.err());
        return Json.mapper().readTree(r.out());
    }

    /** The key paths in {@code blocks}, with {@value Json#VERSION_FIELD}, which every document has. */
    static Set<String> keys(String... blocks) {
        Set<String> keys = new TreeSet<>(Set.of(Json.VERSION_FIELD));
        for (String b : blocks) Arrays.stream(b.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(keys::add);
        return keys;
    }

    /** Each key of {@code block} under {@code prefix}. */
    static String under(String prefix, String block) {
        return Arrays.stream(block.trim().split("\\s+")).filter(s -> !s.isEmpty() && !s.equals(Json.VERSION_FIELD))
                .map(k -> prefix + k).collect(Collectors.joining(" "));
    }

    /**
     * Asserts the document's key paths are exactly {@code golden}, and that each of {@code documented}
     * (golden less what another command's docs already cover) appears in backquotes in {@code docs}.
     */
    private static void assertKeys(Set<String> golden, JsonNode doc, Path docs, Set<String> documented) throws IOException {
        Set<String> present = new TreeSet<>(), unseen = new TreeSet<>();
        walk(doc, "", golden, present, unseen);
        Set<String> expected = new TreeSet<>();
        for (String g : golden) {
            boolean excused = !present.contains(g) && unseen.stream().anyMatch(u -> g.startsWith(u + ".") || g.startsWith(u + "[]"));
            if (!excused) expected.add(g);
        }
        assertEquals(String.join("\n", expected), String.join("\n", present), "key paths (golden, then this run)");
        String text = Files.readString(docs);
        List<String> undocumented = documented.stream().filter(k -> !text.contains("`" + k + "`")).toList();
        assertEquals(List.of(), undocumented, "documented in " + docs);
    }

    private static void walk(JsonNode n, String path, Set<String> golden, Set<String> present, Set<String> unseen) {
        if (n.isObject()) {
            if (golden.contains(path + ".*")) {
                if (n.isEmpty()) unseen.add(path);
                else present.add(path + ".*");
                return;
            }
            for (var e : n.properties()) {
                String key = fold(path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                present.add(key);
                JsonNode v = e.getValue();
                if (v.isNull() || (v.isContainerNode() && v.isEmpty())) unseen.add(key);
                walk(v, key, golden, present, unseen);
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) walk(e, path + "[]", golden, present, unseen);
        }
    }

    /** {@code roots[].children[].children[].pid} → {@code roots[].pid}: tree's children are nodes like their parent. */
    static String fold(String path) {
        String folded = path;
        for (String prev = null; !folded.equals(prev); ) {
            prev = folded;
            folded = folded.replace("[].children[]", "[]");
        }
        return folded;
    }
}
