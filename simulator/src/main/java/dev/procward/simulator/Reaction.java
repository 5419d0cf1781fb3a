package dev.procward.simulator;

import java.time.Duration;

/** What a simulated program does when its handler for a signal runs. */
public sealed interface Reaction {
    /** The handler only records the signal and returns. */
    record Return() implements Reaction {}

    /** The handler starts a shutdown that ends with exit(code) after {@code delay}. */
    record ExitAfter(int code, Duration delay) implements Reaction {}
}
