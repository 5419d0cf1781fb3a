package dev.procward.libc;

import java.util.List;

/**
 * What this JVM has linked so far: handles made, libc symbols linked, and the distinct function
 * shapes among them (the shapes are what costs link time, see DESIGN.md).
 *
 * @param handles handles created
 * @param symbols libc symbols behind them
 * @param shapes  distinct descriptors (with their linker options)
 */
public record LinkStats(int handles, List<String> symbols, List<String> shapes) {

    /** The counts so far in this JVM. */
    public static LinkStats current() {
        return Native.stats();
    }
}
