package dev.procward.cli.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inits the integration tests compare: procward (native, and through links named tini and
 * dumb-init) against Debian's tini and dumb-init. Each knows how to put a command behind it.
 */
enum Inits {
    PROCWARD(Family.TINI),
    PROCWARD_AS_TINI(Family.TINI),
    TINI(Family.TINI),
    PROCWARD_AS_DUMB_INIT(Family.DUMB_INIT),
    DUMB_INIT(Family.DUMB_INIT);

    enum Family { TINI, DUMB_INIT }

    final Family family;

    Inits(Family family) {
        this.family = family;
    }

    boolean isProcward() {
        return name().startsWith("PROCWARD");
    }

    /** The init's command line with {@code flags}, ending where the program's argv starts. */
    List<String> command(List<String> flags) {
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case PROCWARD -> { cmd.add(launcher().toString()); cmd.add("init"); }
            case PROCWARD_AS_TINI -> cmd.add(link("tini").toString());
            case PROCWARD_AS_DUMB_INIT -> cmd.add(link("dumb-init").toString());
            case TINI -> cmd.add("/usr/bin/tini");
            case DUMB_INIT -> cmd.add("/usr/bin/dumb-init");
        }
        cmd.addAll(flags);
        if (family == Family.TINI) cmd.add("--");
        return cmd;
    }

    /**
     * dumb-init's setsid mode with {@code flags}, by the three ways of asking for it (procward as
     * {@code dumb-init}, {@code procward init --setsid}) and Debian's dumb-init itself.
     */
    static java.util.stream.Stream<List<String>> inDumbInitMode(String... flags) {
        List<String> setsid = new ArrayList<>(List.of("--setsid"));
        setsid.addAll(List.of(flags));
        return java.util.stream.Stream.of(DUMB_INIT.command(List.of(flags)), PROCWARD_AS_DUMB_INIT.command(List.of(flags)),
                PROCWARD.command(setsid));
    }

    /** The repository's launcher script (the cli module is the working directory of failsafe). */
    static Path launcher() {
        Path p = Path.of("..", "procward").toAbsolutePath().normalize();
        if (!Files.isExecutable(p)) throw new IllegalStateException("launcher not found at " + p);
        return p;
    }

    static Path jar() {
        return Path.of("target", "procward.jar").toAbsolutePath();
    }

    private static Path link(String name) {
        try {
            Path dir = Path.of("target", "multicall").toAbsolutePath();
            Files.createDirectories(dir);
            Path link = dir.resolve(name);
            if (!Files.isSymbolicLink(link)) Files.createSymbolicLink(link, launcher());
            return link;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
