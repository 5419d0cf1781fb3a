package dev.procward.cli.render;

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
        String noColor = System.getenv("NO_COLOR");
        boolean tty = System.console() != null && System.console().isTerminal();
        boolean dumb = "dumb".equals(System.getenv("TERM"));
        return new Style(tty && !dumb && (noColor == null || noColor.isEmpty()));
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
