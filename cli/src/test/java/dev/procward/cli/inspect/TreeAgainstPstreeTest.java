package dev.procward.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.procward.cli.diag.CliRun;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** procward tree draws what pstree draws for the same live subtree, plus its own marks. */
class TreeAgainstPstreeTest {
    private static String pstree(String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add("pstree");
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out;
    }

    @Test
    void mergesIdenticalSubtreesLikePstree() throws Exception {
        Requirements.requireCommand("pstree");
        try (var live = new LiveProcesses()) {
            Process root = live.start("bash", "-c",
                    "sleep 300 & sleep 300 & (sleep 301; :) & (sleep 301; :) & (sleep 302; :) & wait");
            LiveProcesses.await("five children", () -> root.children().count() == 5
                    && root.descendants().count() == 8);
            String pid = Long.toString(root.pid());
            assertEquals(pstree("-A", pid), CliRun.of("tree", "-A", pid).out());
            assertEquals(pstree("-A", "-p", pid), CliRun.of("tree", "-A", "-p", pid).out());
            String unicode = CliRun.of("tree", pid).out();
            assertTrue(unicode.contains("bash─┬─3*[bash───sleep]\n"), unicode);
            assertTrue(unicode.contains("     └─2*[sleep]\n"), unicode);
        }
    }

    /**
     * pstree -a puts every process on a line of its own; threads fold into N*[{name}] unless -p,
     * and with -p or -g read "{name},tid,pgid". pstree runs with -l because procward never cuts
     * arguments to the terminal's width.
     */
    @Test
    void argumentsPutEachProcessOnItsOwnLineLikePstree(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Requirements.requireCommand("pstree");
        Requirements.requireCommand("cc");
        java.nio.file.Path src = java.nio.file.Path.of("../probes/src/test/resources/native/many_threads.c");
        Requirements.require(java.nio.file.Files.isRegularFile(src), "probes' many_threads.c next to cli");
        java.nio.file.Path exe = tmp.resolve("many_threads");
        Process cc = new ProcessBuilder("cc", "-O", "-pthread", "-o", exe.toString(), src.toString()).inheritIO().start();
        assertEquals(0, cc.waitFor());
        try (var live = new LiveProcesses()) {
            Process root = live.start("bash", "-c", "sleep 300 & sleep 300 & sleep 301 & " + exe + " 3 300 & wait");
            LiveProcesses.await("four children, one with three threads", () -> root.children().count() == 4
                    && root.children().anyMatch(c -> threads(c.pid()) == 3));
            String pid = Long.toString(root.pid());
            for (String[] opts : new String[][] {{"-a"}, {"-a", "-p"}, {"-a", "-g"}, {"-a", "-p", "-g"}, {"-a", "-t"}, {"-a", "-T"}}) {
                var ps = new java.util.ArrayList<>(java.util.List.of("-l", "-A"));
                var ours = new java.util.ArrayList<>(java.util.List.of("tree", "-A"));
                for (var list : java.util.List.of(ps, ours)) {
                    list.addAll(java.util.List.of(opts));
                    list.add(pid);
                }
                assertEquals(pstree(ps.toArray(String[]::new)), CliRun.of(ours.toArray(String[]::new)).out(), String.join(" ", opts));
            }
            assertEquals(pstree("-l", "-U", "-a", pid), CliRun.of("tree", "-a", pid).out());
            String unicode = CliRun.of("tree", "-a", "-p", pid).out();
            assertTrue(unicode.contains("\n  ├─sleep," ), unicode);
            assertTrue(unicode.contains("\n  │   ├─{many_threads},"), unicode);
        }
    }

    private static long threads(long pid) {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            return s.count();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void marksZombiesAndNamespaceChanges() throws Exception {
        try (var live = new LiveProcesses()) {
            Process parent = live.startZombieParent();
            LiveProcesses.await("a zombie child", () -> parent.children().anyMatch(c -> LiveProcesses.state(c.pid()) == 'Z'));
            String out = CliRun.of("tree", "-A", Long.toString(parent.pid())).out();
            assertEquals("sleep---sleep <defunct>\n", out);
        }
    }

    @Test
    void marksDStateTasksInTreeAndPs(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Requirements.requireCommand("cc");
        // inspect-diag's helper: a parent blocked in vfork() sleeps in D until its child exits.
        java.nio.file.Path src = java.nio.file.Path.of("../probes/src/test/resources/native/vfork_block.c");
        Requirements.require(java.nio.file.Files.isRegularFile(src), "probes' vfork_block.c next to cli");
        java.nio.file.Path exe = tmp.resolve("vfork_block");
        Process cc = new ProcessBuilder("cc", "-O", "-o", exe.toString(), src.toString()).inheritIO().start();
        assertEquals(0, cc.waitFor());
        try (var live = new LiveProcesses()) {
            Process parent = live.start(exe.toString(), "300");
            LiveProcesses.await("the vfork parent in D", () -> LiveProcesses.state(parent.pid()) == 'D');
            assertEquals("vfork_block <D>---vfork_block\n", CliRun.of("tree", "-A", Long.toString(parent.pid())).out());
            JsonNode rows = JsonOut.parse(CliRun.of("ps", "--state", "D", "-o", "pid,stat,wchan", "--output", "json"))
                    .get("processes");
            boolean found = false;
            for (JsonNode r : rows) found |= r.get("pid").asLong() == parent.pid() && r.get("stat").asText().startsWith("D");
            assertTrue(found, rows.toString());
        }
    }

    @Test
    void marksAChildInANewPidNamespace() throws Exception {
        Requirements.requireCommand("unshare");
        try (var live = new LiveProcesses()) {
            Process u = live.start("unshare", "--pid", "--fork", "--mount-proc", "sleep", "300");
            LiveProcesses.await("the namespaced child", () -> u.children().findAny().isPresent() || !u.isAlive());
            Requirements.require(u.isAlive(), "permission to create a PID namespace");
            String out = CliRun.of("tree", "-A", Long.toString(u.pid())).out();
            assertEquals("unshare [ns:mnt]---sleep [ns:pid]\n", out);
        }
    }

    @Test
    void unknownRootIsOneLineAndExit1() {
        CliRun r = CliRun.of("tree", "999999999");
        assertEquals(1, r.code());
        assertEquals("procward: no process 999999999\n", r.err());
    }
}
