package dev.procward.simulator.scenario;

import dev.procward.simulator.SimConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A scenario file, parsed: a name, a description, the machine's configuration and the
 * statements (format in docs/simulator.md). Words are split on blanks; a word in single or double
 * quotes may hold blanks. {@code repeat N STATEMENT} is expanded here, with {@code {i}} counting
 * from 1.
 */
public record Scenario(String name, String description, SimConfig config, List<Statement> statements) {

    /** The scenarios shipped in the simulator's resources. */
    public static final List<String> SHIPPED = List.of("zombie-leak", "orphan-storm", "stuck-nfs",
            "graceful-shutdown", "pid-exhaustion");

    private static final java.util.Set<String> PROSE = java.util.Set.of("name", "describe", "note");

    public static Scenario parse(String text, String fallbackName) {
        String name = fallbackName;
        StringBuilder description = new StringBuilder();
        SimConfig config = SimConfig.host();
        List<Statement> statements = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String raw = lines[n - 1].strip();
            if (raw.isEmpty() || raw.startsWith("#")) continue;
            String first = raw.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String rest = raw.length() > first.length() ? raw.substring(first.length()).strip() : "";
            if (PROSE.contains(first)) {
                // Prose is taken as written: apostrophes are not quotes.
                if (first.equals("name")) name = rest;
                else if (first.equals("describe")) description.append(description.isEmpty() ? "" : " ").append(rest);
                else statements.add(new Statement(n, first, List.of(rest), raw));
                continue;
            }
            List<String> words = words(raw, n);
            String verb = words.getFirst().toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            switch (verb) {
                case "config" -> config = configure(config, args, n);
                case "repeat" -> {
                    if (args.size() < 2) throw new ScenarioException(n, "repeat N STATEMENT");
                    int times = parseInt(args.getFirst(), n);
                    String body = raw.substring(raw.indexOf(args.get(1), raw.indexOf(args.getFirst()) + args.getFirst().length()));
                    for (int i = 1; i <= times; i++) {
                        String line = body.replace("{i}", String.valueOf(i));
                        List<String> w = words(line, n);
                        statements.add(new Statement(n, w.getFirst().toLowerCase(Locale.ROOT), w.subList(1, w.size()), line));
                    }
                }
                default -> statements.add(new Statement(n, verb, args, raw));
            }
        }
        return new Scenario(name, description.toString(), config, statements);
    }

    public static Scenario read(Path file) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.scenario$", "");
        return parse(Files.readString(file), base);
    }

    /** A shipped scenario by name, from the simulator's resources. */
    public static Scenario shipped(String name) {
        try (InputStream in = Scenario.class.getResourceAsStream("/scenarios/" + name + ".scenario")) {
            if (in == null) throw new ScenarioException(0, "no shipped scenario '" + name + "' (shipped: " + String.join(", ", SHIPPED) + ")");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new ScenarioException(0, "cannot read shipped scenario '" + name + "': " + e.getMessage());
        }
    }

    private static SimConfig configure(SimConfig c, List<String> args, int line) {
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) throw new ScenarioException(line, "config wants key=value, got " + a);
            c = switch (kv[0]) {
                case "pid_max" -> c.withPidMax(parseInt(kv[1], line));
                case "seed" -> c.withSeed(Long.parseLong(kv[1]));
                case "cores" -> c.withCoreDumps(kv[1].equals("on"));
                case "init" -> switch (kv[1]) {
                    case "host" -> new SimConfig(c.pidMax(), true, c.coreDumps(), c.seed(), c.initComm());
                    case "namespace" -> new SimConfig(c.pidMax(), false, c.coreDumps(), c.seed(), c.initComm());
                    default -> throw new ScenarioException(line, "init=host or init=namespace");
                };
                case "init_comm" -> c.withInitComm(kv[1]);
                default -> throw new ScenarioException(line, "unknown config key " + kv[0]);
            };
        }
        return c;
    }

    static int parseInt(String s, int line) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ScenarioException(line, "not a number: " + s);
        }
    }

    private static List<String> words(String line, int n) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) quote = 0;
                else cur.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(ch);
                inWord = true;
            }
        }
        if (quote != 0) throw new ScenarioException(n, "unclosed quote");
        if (inWord) out.add(cur.toString());
        return out.isEmpty() ? Arrays.asList("") : out;
    }
}
