package dev.procward.probes;

/**
 * The one exception a /proc parser throws: the text did not have the documented shape. Callers
 * turn it into a {@link Gap} with {@link Gap.Reason#MALFORMED}; it never ends a listing.
 */
public final class ProcParseException extends RuntimeException {
    public ProcParseException(String source, String detail) {
        super(source + ": " + detail);
    }
}
