package dev.procward.probes.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class GroupRuleTest {

    @Test
    void parsesCommAndCmdlineRules() {
        GroupRule comm = GroupRule.parse("web=comm:^nginx");
        assertEquals(GroupRule.Field.COMM, comm.field());
        assertTrue(comm.matches("nginx", Optional.empty()));
        GroupRule bare = GroupRule.parse("db=postgres");
        assertEquals(GroupRule.Field.COMM, bare.field());
        GroupRule cmd = GroupRule.parse("jobs=cmdline:worker\\.py --queue");
        assertEquals(GroupRule.Field.CMDLINE, cmd.field());
        assertTrue(cmd.matches("python3", Optional.of("python3 worker.py --queue a")));
        assertFalse(cmd.matches("python3", Optional.empty()), "a zombie has no cmdline to match");
    }

    @Test
    void firstMatchingRuleWinsSoAProcessCountsOnce() {
        var rules = List.of(GroupRule.parse("a=^s"), GroupRule.parse("b=sh"));
        assertEquals("a", GroupRule.firstMatch(rules, "sh", Optional.empty()).orElseThrow().name());
        assertEquals("b", GroupRule.firstMatch(rules, "bash", Optional.empty()).orElseThrow().name());
        assertTrue(GroupRule.firstMatch(rules, "init", Optional.empty()).isEmpty());
    }

    @Test
    void theCommandLineIsAskedForOnlyWhenACmdlineRuleIsReached() {
        var rules = List.of(GroupRule.parse("web=comm:^nginx$"), GroupRule.parse("jobs=cmdline:worker"));
        int[] asked = {0};
        java.util.function.Supplier<Optional<String>> cmdline = () -> {
            asked[0]++;
            return Optional.of("python3 worker.py");
        };
        assertEquals("web", GroupRule.firstMatch(rules, "nginx", cmdline).orElseThrow().name());
        assertEquals(0, asked[0], "a comm rule claimed it first");
        assertEquals("jobs", GroupRule.firstMatch(rules, "python3", cmdline).orElseThrow().name());
        assertEquals(1, asked[0]);
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupRule.parse("noequals"))
                .getMessage().contains("NAME="));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupRule.parse("x=comm:("))
                .getMessage().contains("bad regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupRule.parse("9x=a"))
                .getMessage().contains("group name"));
        assertThrows(IllegalArgumentException.class, () -> GroupRule.parse("x=cmdline:"));
    }
}
