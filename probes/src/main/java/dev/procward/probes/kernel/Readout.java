package dev.procward.probes.kernel;

import dev.procward.probes.Gap;
import dev.procward.probes.ProcParseException;

import java.util.function.Function;

/**
 * The result of reading one kernel file: its value, or why it is missing. Processes vanish between
 * listing and reading, and {@code stack} or {@code fd/} may be unreadable even as root; neither is
 * an error for the whole report.
 */
public sealed interface Readout<T> {

    record Value<T>(T value) implements Readout<T> {}

    record Missing<T>(Gap.Reason reason) implements Readout<T> {}

    static <T> Readout<T> of(T value) {
        return new Value<>(value);
    }

    static <T> Readout<T> gap(Gap.Reason reason) {
        return new Missing<>(reason);
    }

    /** Applies a parser; a {@link ProcParseException} becomes a MALFORMED gap. */
    default <U> Readout<U> map(Function<? super T, ? extends U> f) {
        return switch (this) {
            case Value<T> v -> {
                try {
                    yield new Value<>(f.apply(v.value()));
                } catch (ProcParseException e) {
                    yield new Missing<>(Gap.Reason.MALFORMED);
                }
            }
            case Missing<T> m -> new Missing<>(m.reason());
        };
    }

    default T orElse(T fallback) {
        return this instanceof Value<T> v ? v.value() : fallback;
    }

    default boolean present() {
        return this instanceof Value<T>;
    }

    /** The gap reason, or null when a value is present. */
    default Gap.Reason gapReason() {
        return this instanceof Missing<T> m ? m.reason() : null;
    }
}
