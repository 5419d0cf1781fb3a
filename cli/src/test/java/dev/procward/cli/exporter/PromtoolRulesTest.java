package dev.procward.cli.exporter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The alert rules pass Debian's promtool, and its unit tests cover every alert. */
class PromtoolRulesTest {

    static final String RULES = "procward-alerts.rules.yml";
    static final String TESTS = "procward-alerts.test.yml";

    record Run(int exit, String output) {}

    static Run promtool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(RepoFiles.tool("promtool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool hung");
        return new Run(p.exitValue(), out);
    }

    static List<String> alertNames(String rules) {
        Matcher m = Pattern.compile("(?m)^\\s*- alert: (\\S+)").matcher(rules);
        List<String> names = new ArrayList<>();
        while (m.find()) names.add(m.group(1));
        return names;
    }

    @Test
    void rulesPassPromtoolCheck() throws Exception {
        Run r = promtool(RepoFiles.kubernetes(), "check", "rules", RULES);
        assertEquals(0, r.exit(), r.output());
        int alerts = alertNames(Files.readString(RepoFiles.kubernetes().resolve(RULES))).size();
        assertTrue(r.output().contains("SUCCESS: " + alerts + " rules found"), r.output());
    }

    @Test
    void ruleUnitTestsPass() throws Exception {
        Run r = promtool(RepoFiles.kubernetes(), "test", "rules", TESTS);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("SUCCESS"), r.output());
    }

    /**
     * Each alert in turn is made unable to fire; the unit tests must then fail. An alert whose
     * silencing goes unnoticed has no test expecting it to fire.
     */
    @Test
    void everyAlertHasATestThatExpectsItToFire(@TempDir Path dir) throws Exception {
        String rules = Files.readString(RepoFiles.kubernetes().resolve(RULES));
        Files.copy(RepoFiles.kubernetes().resolve(TESTS), dir.resolve(TESTS));
        List<String> alerts = alertNames(rules);
        assertTrue(alerts.containsAll(List.of("ProcwardZombiesGrowing", "ProcwardDStatePileUp", "ProcwardPidHeadroomLow")),
                "the issue asks for growing zombies, a D-state pile-up and low PID headroom: " + alerts);
        for (String alert : alerts) {
            Files.writeString(dir.resolve(RULES), silence(rules, alert));
            Run r = promtool(dir, "test", "rules", TESTS);
            assertNotEquals(0, r.exit(), alert + " can be silenced without a failing test");
            assertTrue(r.output().contains("alertname: " + alert), r.output());
        }
    }

    /** The rules with {@code alert}'s expression replaced by one that never returns anything. */
    static String silence(String rules, String alert) {
        Pattern block = Pattern.compile("(- alert: " + Pattern.quote(alert) + "\\n(?:\\s+#.*\\n)*\\s+expr: )(>-\\n(?:\\s{10,}.*\\n)+|.*\\n)");
        Matcher m = block.matcher(rules);
        assertTrue(m.find(), "cannot find the expr of " + alert);
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + "vector(1) == 0\n"));
    }
}
