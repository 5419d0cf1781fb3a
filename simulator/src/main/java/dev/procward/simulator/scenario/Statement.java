package dev.procward.simulator.scenario;

import java.util.List;

/** One line of a scenario: a verb and its words, with the line it came from. */
public record Statement(int line, String verb, List<String> args, String text) {
    public Statement {
        args = List.copyOf(args);
    }

    public String arg(int i) {
        if (i >= args.size()) throw new ScenarioException(line, "'" + verb + "' needs more arguments: " + text);
        return args.get(i);
    }

    public boolean has(int i) {
        return i < args.size();
    }

    public List<String> from(int i) {
        return i >= args.size() ? List.of() : args.subList(i, args.size());
    }
}
