package dev.procward.cli.inspect;

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

    @Test
    void marksZombiesAndNamespaceChanges() throws Exception {
        try (var live = new LiveProcesses()) {
            Process parent = live.start("bash", "-c", "sleep 0 & exec sleep 300");
            LiveProcesses.await("a zombie child", () -> parent.children().anyMatch(c -> LiveProcesses.state(c.pid()) == 'Z'));
            String out = CliRun.of("tree", "-A", Long.toString(parent.pid())).out();
            assertEquals("sleep---sleep <defunct>\n", out);
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
