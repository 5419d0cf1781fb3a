package dev.procward.cli.inspect;

import dev.procward.cli.PsCommand;
import dev.procward.cli.diag.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PsCommandTest {
    private static final String SELF = Long.toString(ProcessHandle.current().pid());

    @Test
    void showsZombiesAndKernelThreadsAsProcpsDoes() throws Exception {
        try (var live = new LiveProcesses()) {
            Process parent = live.startZombieParent();
            LiveProcesses.await("a zombie", () -> parent.children().anyMatch(c -> LiveProcesses.state(c.pid()) == 'Z'));
            JsonNode rows = JsonOut.parse(CliRun.of("ps", "--state", "Z", "-o", "pid,ppid,stat,args", "--output", "json")).get("processes");
            boolean found = false;
            for (JsonNode r : rows) {
                assertEquals("Z", r.get("stat").asText().substring(0, 1));
                if (r.get("ppid").asLong() == parent.pid()) {
                    assertEquals("[sleep] <defunct>", r.get("args").asText());
                    found = true;
                }
            }
            assertTrue(found, rows.toString());
        }
        JsonNode kthreadd = JsonOut.parse(CliRun.of("ps", "-p", "2", "-o", "pid,args", "--output", "json")).get("processes");
        assertEquals("[kthreadd]", kthreadd.get(0).get("args").asText());
    }

    @Test
    void filtersByPatternUserAndPid() throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("sleep", "301.5");
            LiveProcesses.await("sleep", () -> p.info().command().orElse("").endsWith("sleep"));
            JsonNode byArgs = JsonOut.parse(CliRun.of("ps", "--full", "-m", "^sleep 301\\.5$", "-u", "root", "-o", "pid", "--output", "json"));
            assertEquals(List.of(p.pid()), pids(byArgs));
            JsonNode byComm = JsonOut.parse(CliRun.of("ps", "-m", "^slee", "-p", p.pid() + "," + SELF, "-o", "pid", "--output", "json"));
            assertEquals(List.of(p.pid()), pids(byComm));
        }
    }

    @Test
    void sortsDescendingAndListsThreads() {
        JsonNode rows = JsonOut.parse(CliRun.of("ps", "-o", "pid,rss", "--sort", "-rss", "--output", "json")).get("processes");
        long previous = Long.MAX_VALUE;
        for (JsonNode r : rows) {
            if (r.get("rss").isNull()) continue;
            assertTrue(r.get("rss").asLong() <= previous, rows.toString());
            previous = r.get("rss").asLong();
        }
        JsonNode threads = JsonOut.parse(CliRun.of("ps", "-L", "-p", SELF, "-o", "pid,lwp,nlwp,comm", "--output", "json")).get("processes");
        Set<Long> lwps = new HashSet<>();
        for (JsonNode t : threads) lwps.add(t.get("lwp").asLong());
        assertTrue(threads.size() > 5 && lwps.size() == threads.size(), threads.toString());
        assertTrue(lwps.contains(ProcessHandle.current().pid()));
    }

    @Test
    void descendingSortKeysWorkWithAndWithoutEquals() {
        // "-pcpu", "-uid", ... resemble the options -p and -u; both spellings must still take them as keys.
        String pids = "1," + SELF;
        for (String key : List.of("pcpu", "pid", "ppid", "pss", "uid", "user", "rss")) {
            for (List<String> form : List.of(List.of("--sort", "-" + key), List.of("--sort=-" + key), List.of("--sort=+" + key))) {
                List<String> args = new ArrayList<>(List.of("ps", "-p", pids, "-o", "pid", "--output", "json"));
                args.addAll(form);
                CliRun r = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, r.code(), form + ": " + r.err());
                assertEquals(2, pids(JsonOut.parse(r)).size(), form + ": " + r.out());
            }
        }
        long self = ProcessHandle.current().pid();
        assertEquals(List.of(Math.max(1L, self), Math.min(1L, self)),
                pids(JsonOut.parse(CliRun.of("ps", "-p", pids, "-o", "pid", "--sort=-pid", "--output", "json"))));
        assertEquals(List.of(Math.min(1L, self), Math.max(1L, self)),
                pids(JsonOut.parse(CliRun.of("ps", "-p", pids, "-o", "pid", "--sort=pid", "--output", "json"))));
        assertEquals(2, CliRun.of("ps", "--sort=-bogus").code());
    }

    @Test
    void columnsTakeEveryOptionSpelling() {
        for (List<String> form : List.of(List.of("-o", "pid,comm"), List.of("-o=pid,comm"), List.of("-opid,comm"),
                List.of("--format=pid,comm"), List.of("--format", "pid,comm"))) {
            List<String> args = new ArrayList<>(List.of("ps", "-p", SELF));
            args.addAll(form);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.code(), form + ": " + r.err());
            assertEquals("PID COMMAND", r.out().lines().findFirst().orElseThrow().strip().replaceAll("\\s+", " "), form.toString());
        }
    }

    @Test
    void helpFooterIsPrintedAsWrittenNotRewrapped() {
        List<String> help = CliRun.of("ps", "--help").out().lines().toList();
        for (String entry : PsCommand.class.getAnnotation(Command.class).footer()) {
            for (String line : entry.replace("%%", "%").split("\n")) {
                assertTrue(help.contains(line), "footer line '" + line + "' rewrapped in\n" + String.join("\n", help));
            }
        }
    }

    @Test
    void measuresCpuOverAnInterval() throws Exception {
        try (var live = new LiveProcesses()) {
            Process busy = live.start("sh", "-c", "while :; do :; done");
            JsonNode rows = JsonOut.parse(CliRun.of("ps", "--interval", "0.5", "-p", Long.toString(busy.pid()), "-o", "pid,%cpu",
                    "--output", "json")).get("processes");
            assertTrue(rows.get(0).get("pcpu").asDouble() > 0.5, rows.toString());
        }
    }

    @Test
    void tableHasProcpsHeaders() {
        String out = CliRun.of("ps", "-p", SELF, "-o", "pid,ppid,pgid,sid,tty,tpgid,user,uid,stat,nlwp,%cpu,%mem,vsz,rss,pss,start,time,wchan,comm,args").out();
        String header = out.lines().findFirst().orElseThrow();
        for (String h : new String[] {"PID", "PPID", "PGID", "SID", "TT", "TPGID", "USER", "UID", "STAT", "NLWP", "%CPU",
                "%MEM", "VSZ", "RSS", "PSS", "STARTED", "TIME", "WCHAN", "COMMAND"}) {
            assertTrue(header.contains(h), header);
        }
        assertEquals(2, out.lines().count());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.of("ps", "-o", "pid,bogus").code());
        assertEquals("procward: unknown column: bogus\n", CliRun.of("ps", "-o", "pid,bogus").err());
        assertEquals(2, CliRun.of("ps", "-u", "no-such-user-xyz").code());
        assertEquals(2, CliRun.of("ps", "-m", "(").code());
        assertEquals(2, CliRun.of("ps", "--interval", "-1").code());
    }

    private static List<Long> pids(JsonNode doc) {
        List<Long> out = new ArrayList<>();
        for (JsonNode r : doc.get("processes")) out.add(r.get("pid").asLong());
        return out;
    }
}
