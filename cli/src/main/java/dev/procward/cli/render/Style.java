package dev.procward.cli.render;

import java.util.Map;

/**
 * Terminal styling. Colour only on a terminal, never when NO_COLOR is set (https://no-color.org)
 * or TERM is dumb, so piped output stays plain text.
 */
public final class Style {
    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    public static Style detect() {
        return detect(System.console() != null && System.console().isTerminal(), System.getenv());
    }

    /**
     * The colour decision, with the terminal test and the environment passed in so it can be tested:
     * colour on a terminal unless NO_COLOR has any non-empty value (an empty one does not count, as
     * no-color.org says) or TERM is dumb; never off a terminal.
     */
    public static Style detect(boolean terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Style(terminal && !dumb && (noColor == null || noColor.isEmpty()));
    }

    public static Style plain() {
        return new Style(false);
    }

    public boolean colour() {
        return colour;
    }

    public String bold(String s) { return wrap("1", s); }
    public String red(String s) { return wrap("31", s); }
    public String yellow(String s) { return wrap("33", s); }
    public String green(String s) { return wrap("32", s); }
    public String dim(String s) { return wrap("2", s); }

    private String wrap(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
