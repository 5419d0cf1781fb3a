package dev.procward.probes.spawn;

import java.nio.file.Path;

/**
 * The program each spawn executes. {@code label} names it in tables and JSON: the path itself, or
 * {@code static} for the tiny static binary built with cc, which takes the dynamic loader out.
 */
public record Target(String label, Path path) {
    public static final String STATIC = "static";

    public static Target of(Path path) {
        return new Target(path.toString(), path);
    }
}
