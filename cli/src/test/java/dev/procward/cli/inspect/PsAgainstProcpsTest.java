package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * procward ps and procps ps read the same live processes and must agree on pid, ppid, pgid, sid,
 * state (with procps's extra STAT characters), nlwp, nice, rss, uid and comm.
 */
class PsAgainstProcpsTest {
    private static final String FIELDS = "pid,ppid,pgid,sid,stat,nlwp,ni,rss,uid,comm";
    private Process session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.descendants().forEach(ProcessHandle::destroyForcibly);
            session.destroyForcibly();
        }
    }

    /** A new session: a shell leader, two sleepers (one niced), and a four-thread python process. */
    private List<Long> startSession() throws Exception {
        Requirements.requireCommand("ps");
        Requirements.requireCommand("setsid");
        Requirements.requireCommand("python3");
        String script = "nice -n 5 sleep 300 & sleep 300 & "
                + "python3 -c 'import threading,time\n"
                + "[threading.Thread(target=time.sleep,args=(300,)).start() for _ in range(3)]\n"
                + "time.sleep(300)' & wait";
        session = new ProcessBuilder("setsid", "bash", "-c", script).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> kids = session.descendants().toList();
            boolean threadsUp = kids.stream().anyMatch(h -> h.info().command().orElse("").contains("python")
                    && threadCount(h.pid()) == 4);
            if (kids.size() == 3 && threadsUp) {
                List<Long> pids = new ArrayList<>();
                pids.add(session.pid());
                kids.forEach(k -> pids.add(k.pid()));
                return pids;
            }
            Thread.sleep(50);
        }
        fail("session did not come up: " + session.descendants().toList());
        return List.of();
    }

    private static int threadCount(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) return Integer.parseInt(line.substring(8).strip());
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static Map<Long, List<String>> procps(List<Long> pids) throws Exception {
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        Process ps = new ProcessBuilder("ps", "-o", FIELDS, "--no-headers", "-p", list).start();
        String text = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ps.waitFor());
        Map<Long, List<String>> rows = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+", 10);
            if (f.length == 10) rows.put(Long.parseLong(f[0]), List.of(f));
        }
        return rows;
    }

    private static Map<Long, List<String>> procward(List<Long> pids) {
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
        CliRun run = CliRun.of("ps", "-o", FIELDS, "-p", list, "--output", "json");
        assertEquals(0, run.code(), run.err());
        Map<Long, List<String>> rows = new HashMap<>();
        for (JsonNode p : JsonOut.parse(run).get("processes")) {
            List<String> row = new ArrayList<>();
            for (String key : FIELDS.split(",")) row.add(p.get(key).asText());
            rows.put(p.get("pid").asLong(), row);
        }
        return rows;
    }

    @Test
    void agreesWithProcpsOnStableProcessesField() throws Exception {
        List<Long> pids = startSession();
        Map<Long, List<String>> ours = procward(pids);
        Map<Long, List<String>> theirs = procps(pids);
        assertEquals(pids.size(), theirs.size(), "procps sees every process: " + theirs);
        assertEquals(theirs, ours);
        // The fixture really exercises the interesting columns.
        long leader = session.pid();
        assertEquals("Ss", ours.get(leader).get(4));
        assertTrue(ours.values().stream().anyMatch(r -> r.get(4).equals("SN") && r.get(6).equals("5")), ours.toString());
        assertTrue(ours.values().stream().anyMatch(r -> r.get(4).equals("Sl") && r.get(5).equals("4")), ours.toString());
    }

    @Test
    void agreesWithProcpsOnIdentityOfEveryProcess() throws Exception {
        Process ps = new ProcessBuilder("ps", "-e", "-o", "pid,ppid,pgid,sid,uid,comm", "--no-headers").start();
        String text = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        CliRun run = CliRun.of("ps", "-o", "pid,ppid,pgid,sid,uid,comm", "--output", "json");
        Map<Long, String> ours = new HashMap<>();
        for (JsonNode p : JsonOut.parse(run).get("processes")) {
            ours.put(p.get("pid").asLong(), p.get("ppid").asText() + " " + p.get("pgid").asText() + " "
                    + p.get("sid").asText() + " " + p.get("uid").asText() + " " + p.get("comm").asText());
        }
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+", 6);
            if (f.length < 6) continue;
            String mine = ours.get(Long.parseLong(f[0]));
            if (mine == null || f[5].equals("ps") || f[5].equals("java")) continue; // exited, or changing itself
            // A kworker renames itself after the work item it runs: its comm is no stable fact.
            if (f[1].equals("2") && f[5].startsWith("kworker/")) mine = mine.substring(0, mine.lastIndexOf(' ') + 1) + f[5];
            compared++;
            String theirs = f[1] + " " + f[2] + " " + f[3] + " " + f[4] + " " + f[5];
            if (!theirs.equals(mine)) mismatches.add(f[0] + ": procps [" + theirs + "] procward [" + mine + "]");
        }
        assertTrue(compared > 20, "compared " + compared);
        assertEquals(List.of(), mismatches);
    }
}
