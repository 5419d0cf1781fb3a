package dev.procward.simulator.scenario;

import dev.procward.simulator.TimelineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every shipped scenario runs to the end with all its expectations met, the same way every time. */
class ShippedScenariosTest {

    static final List<String> ALL = shippedAndDemo();

    static List<String> shippedAndDemo() {
        List<String> all = new ArrayList<>(Scenario.SHIPPED);
        all.add("demo-host");
        return all;
    }

    static List<String> transcript(String name) {
        ScenarioRunner r = new ScenarioRunner(Scenario.shipped(name));
        List<String> out = new ArrayList<>();
        r.run((i, s, result, events, k) -> {
            out.add(s.text() + " => " + result);
            for (TimelineEvent e : events) out.add("  " + e.time() + " " + e.describe());
        });
        assertEquals(List.of(), r.failedExpectations(), name + ":\n" + String.join("\n", out));
        return out;
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void runsWithEveryExpectationMet(String name) {
        assertFalse(transcript(name).isEmpty());
    }

    @ParameterizedTest
    @FieldSource("ALL")
    void isDeterministic(String name) {
        assertEquals(transcript(name), transcript(name));
    }

    @Test
    void gracefulShutdownEndsWithProcwardKillingTheStubbornWorkerAfterTheGracePeriod() {
        String all = String.join("\n", transcript("graceful-shutdown"));
        assertTrue(all.contains("grace period of 5000 ms is over"), all);
        assertTrue(all.contains("procward exits with status 0"), all);
    }

    @Test
    void pidExhaustionMakesForkFailWithEagain() {
        String all = String.join("\n", transcript("pid-exhaustion"));
        assertTrue(all.contains("fork sshd session => EAGAIN"), all);
        assertTrue(all.contains("then EAGAIN"), all);
    }

    @Test
    void aScenarioNamingAnUnknownProcessFailsWithItsLine() {
        Scenario s = Scenario.parse("fork init a\nkill a nobody TERM\n", "bad");
        ScenarioException e = assertThrows(ScenarioException.class, () -> new ScenarioRunner(s).run((i, st, r, ev, k) -> { }));
        assertTrue(e.getMessage().startsWith("line 2: no process labelled 'nobody'"), e.getMessage());
    }
}
