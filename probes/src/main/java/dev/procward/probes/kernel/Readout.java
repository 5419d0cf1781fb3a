package dev.procward.probes.kernel;

import java.util.function.Function;

/**
 * The result of reading one kernel file: its value, or a marked gap. Processes vanish between
 * listing and reading, and {@code stack} or {@code fd/} may be unreadable even as root; neither
 * is an error for the whole report.
 */
public sealed interface Readout<T> {

    /** Why a value is missing. */
    enum GapReason {
        /** The file or its process no longer exists (ENOENT, ESRCH). */
        VANISHED,
        /** Permission denied (EACCES, EPERM). */
        DENIED,
        /** Read, but not in the documented format. */
        MALFORMED,
        /** Any other I/O failure. */
        UNREADABLE
    }

    record Value<T>(T value) implements Readout<T> {}

    record Gap<T>(GapReason reason) implements Readout<T> {}

    static <T> Readout<T> of(T value) {
        return new Value<>(value);
    }

    static <T> Readout<T> gap(GapReason reason) {
        return new Gap<>(reason);
    }

    default <U> Readout<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Value<T> v -> {
                try {
                    yield new Value<>(f.apply(v.value()));
                } catch (ProcFormatException e) {
                    yield new Gap<>(GapReason.MALFORMED);
                }
            }
            case Gap<T> g -> new Gap<>(g.reason());
        };
    }

    default T orElse(T fallback) {
        return this instanceof Value<T> v ? v.value() : fallback;
    }

    default boolean present() {
        return this instanceof Value<T>;
    }

    /** The gap reason, or null when a value is present. */
    default GapReason gapReason() {
        return this instanceof Gap<T> g ? g.reason() : null;
    }
}
