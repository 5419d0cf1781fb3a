package dev.procward.probes.metrics;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One process group, as process-exporter selects them: a name and a regular expression matched
 * against the command name or the whole command line. The group's name is the only label value
 * that reaches /metrics; the command line it was matched on never does.
 */
public record GroupRule(String name, Field field, Pattern pattern) {

    public enum Field {
        /** {@code comm}: at most 15 bytes, free to read (it comes with {@code stat}). */
        COMM,
        /** The command line joined by spaces; costs one more read per process. */
        CMDLINE
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,62}");

    public GroupRule {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("group name '" + name
                    + "' must start with a letter or _ and hold only letters, digits, _ . - (at most 63)");
        }
    }

    /** Parses {@code NAME=comm:REGEX} or {@code NAME=cmdline:REGEX}; a bare {@code NAME=REGEX} means comm. */
    public static GroupRule parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("group '" + spec + "' is not NAME=[comm:|cmdline:]REGEX");
        }
        String name = spec.substring(0, eq);
        String rest = spec.substring(eq + 1);
        Field field = Field.COMM;
        if (rest.startsWith("cmdline:")) {
            field = Field.CMDLINE;
            rest = rest.substring("cmdline:".length());
        } else if (rest.startsWith("comm:")) {
            rest = rest.substring("comm:".length());
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("group '" + name + "' has an empty regular expression");
        }
        try {
            return new GroupRule(name, field, Pattern.compile(rest));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("group '" + name + "': bad regular expression: " + e.getDescription());
        }
    }

    /** Whether the regex finds a match (like process-exporter, not a whole-string match). */
    public boolean matches(String comm, Optional<String> cmdline) {
        return switch (field) {
            case COMM -> pattern.matcher(comm).find();
            case CMDLINE -> cmdline.map(c -> pattern.matcher(c).find()).orElse(false);
        };
    }

    /** The first rule that matches wins, so each process counts in at most one group. */
    public static Optional<GroupRule> firstMatch(List<GroupRule> rules, String comm, Optional<String> cmdline) {
        return firstMatch(rules, comm, () -> cmdline);
    }

    /**
     * As above, but asks for the command line only when a cmdline rule is reached: a process that
     * an earlier comm rule claims costs no cmdline read.
     */
    public static Optional<GroupRule> firstMatch(List<GroupRule> rules, String comm, Supplier<Optional<String>> cmdline) {
        Optional<String> known = null;
        for (GroupRule r : rules) {
            if (r.field() == Field.CMDLINE && known == null) {
                known = cmdline.get();
            }
            if (r.matches(comm, known)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
