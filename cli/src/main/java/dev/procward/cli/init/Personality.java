package dev.procward.cli.init;

import java.util.Locale;

/**
 * Which init procward stands in for. Chosen by the name it was invoked under (a link named
 * {@code tini} or {@code dumb-init}); {@code procward init} is the native personality.
 */
public enum Personality {
    /** {@code procward init}: tini's flags plus dumb-init's and procward's own; subreaper by default. */
    PROCWARD("procward"),
    /** Drop-in tini 0.19: same flags, environment, messages and exit codes. */
    TINI("tini"),
    /** Drop-in dumb-init 1.2.5: setsid by default, exec failure exits 2. */
    DUMB_INIT("dumb-init");

    private final String displayName;

    Personality(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The personality for an invocation name (argv[0], path or not); PROCWARD when none matches. */
    public static Personality forInvocationName(String argv0) {
        if (argv0 == null) return PROCWARD;
        String base = argv0.substring(argv0.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (base.equals("tini") || base.startsWith("tini-")) return TINI;
        if (base.equals("dumb-init") || base.equals("dumb_init")) return DUMB_INIT;
        return PROCWARD;
    }
}
