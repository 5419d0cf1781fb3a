package dev.procward.cli;

/**
 * Which kernel stands behind the commands. {@code auto} is the real kernel on Linux; elsewhere
 * OSHI for what it can serve and the simulator for the rest.
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
}
