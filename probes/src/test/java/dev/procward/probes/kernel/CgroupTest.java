package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CgroupTest {
    @TempDir
    Path root;

    @Test
    void v2HasOneUnifiedLine() {
        var m = CgroupMembership.parse(Fixtures.text("cgroup/v2"));
        assertEquals("/system.slice/docker-4f1c2a.scope", m.unified().orElseThrow().path());
        assertTrue(m.v1("memory").isEmpty());
    }

    @Test
    void v1LinesCarryTheirControllersIncludingJoinedOnes() {
        var m = CgroupMembership.parse(Fixtures.text("cgroup/v1-systemd"));
        assertEquals("/user.slice/user-1000.slice", m.v1("memory").orElseThrow().path());
        assertEquals(List.of("cpu", "cpuacct"), m.v1("cpuacct").orElseThrow().controllers());
        assertEquals("/user.slice/user-1000.slice/session-2.scope", m.unified().orElseThrow().path());
        var real = CgroupMembership.parse(Fixtures.text("cgroup/hybrid-v1"));
        assertTrue(real.v1("memory").orElseThrow().path().startsWith("/process_api/"));
    }

    @Test
    void malformedLinesThrowTheParseException() {
        assertThrows(ProcParseException.class, () -> CgroupMembership.parse("memory:/x"));
        assertThrows(ProcParseException.class, () -> CgroupMembership.parse("x:memory:/x"));
        assertThrows(ProcParseException.class, () -> CgroupMembership.parse("4:memory:relative"));
    }

    @Test
    void v2UsageLimitsAndOomKills() throws IOException {
        write("cgroup.controllers", "cpu memory pids");
        write("app/memory.current", "73400320");
        write("app/memory.max", "104857600");
        write("app/memory.events", "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n");
        write("app/pids.current", "17");
        write("app/pids.max", "max");
        var u = CgroupResources.read(root, CgroupMembership.parse("0::/app\n"));
        assertEquals("v2", u.version());
        assertEquals(new CgroupResources.Counter("/app", 73400320, 104857600L), u.memory());
        assertEquals(0.7, u.memory().fraction(), 1e-9);
        assertEquals(new CgroupResources.Counter("/app", 17, null), u.pids());
        assertEquals(2L, u.oomKills());
    }

    @Test
    void withoutItsOwnLimitTheNearestLimitedAncestorBinds() throws IOException {
        write("cgroup.controllers", "memory pids");
        write("a/pids.current", "40");
        write("a/pids.max", "50");
        write("a/b/pids.current", "12");
        write("a/b/pids.max", "max");
        var u = CgroupResources.read(root, CgroupMembership.parse("0::/a/b\n"));
        assertEquals(new CgroupResources.Counter("/a", 40, 50L), u.pids());
    }

    @Test
    void v1ReadsEachControllersOwnHierarchyAndTreatsHugeLimitsAsUnlimited() throws IOException {
        write("memory/docker/c1/memory.usage_in_bytes", "5000");
        write("memory/docker/c1/memory.limit_in_bytes", "10000");
        write("memory/docker/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        write("pids/docker/c1/pids.current", "3");
        write("pids/docker/c1/pids.max", "9223372036854771712");
        write("unified/cgroup.controllers", "");
        var u = CgroupResources.read(root, CgroupMembership.parse("8:pids:/docker/c1\n4:memory:/docker/c1\n0::/\n"));
        assertEquals("v1", u.version());
        assertEquals(new CgroupResources.Counter("/docker/c1", 5000, 10000L), u.memory());
        assertEquals(1L, u.oomKills());
        assertEquals(3, u.pids().current());
    }

    @Test
    void insideAContainerTheHostPathFallsBackToTheHierarchyRoot() throws IOException {
        write("cgroup.controllers", "memory");
        write("memory.current", "100");
        write("memory.max", "200");
        var u = CgroupResources.read(root, CgroupMembership.parse("0::/kubepods/pod1/c\n"));
        assertEquals(new CgroupResources.Counter("/", 100, 200L), u.memory());
    }

    @Test
    void noControllersMountedIsNone() {
        assertEquals("none", CgroupResources.read(root, CgroupMembership.parse("0::/\n")).version());
    }

    @Test
    void theLiveCgroupOfThisProcessReads() {
        var m = CgroupMembership.read(Path.of("/proc"), (int) ProcessHandle.current().pid());
        assertTrue(m.present());
        var u = CgroupResources.read(Path.of("/sys/fs/cgroup"), m.orElse(null));
        assertNotNull(u.version());
    }

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
