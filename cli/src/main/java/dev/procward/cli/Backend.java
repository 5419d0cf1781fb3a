package dev.procward.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which kernel stands behind the commands. {@code auto} is the real kernel on Linux; elsewhere
 * OSHI for what it can serve (ps, tree, a reduced inspect) and the simulator for the rest.
 */
public enum Backend {
    auto, linux, oshi, sim;

    /** The selection made by the global {@code --backend} option; {@code auto} until parsed. */
    private static volatile Backend selected = auto;

    public static Backend selected() {
        return selected;
    }

    static void select(Backend b) {
        selected = b;
    }

    /** The host's operating system name; {@code -Dprocward.host.os} stands in for it in tests. */
    public static String hostOs() {
        return System.getProperty("procward.host.os", System.getProperty("os.name", "unknown"));
    }

    /** True on a Linux host with a /proc to read. */
    public static boolean linuxHost() {
        return hostOs().toLowerCase(Locale.ROOT).contains("linux") && Files.isDirectory(Path.of("/proc/self"));
    }

    /** What {@code auto} means here: the real kernel on Linux, OSHI elsewhere. */
    public Backend effective() {
        return this == auto ? (linuxHost() ? linux : oshi) : this;
    }
}
