package dev.procward.probes.kernel;

/**
 * The one exception a kernel-file parser in this package throws: the text does not have the
 * documented format. Readers turn it into a {@link Readout.Gap} so that one odd file never ends a
 * listing.
 */
public final class ProcFormatException extends RuntimeException {
    public ProcFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    /** Wraps a number-format failure without a stack of the JDK's own message. */
    static long parseLong(String source, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(source, "not an integer: " + abbreviate(text));
        }
    }

    static int parseInt(String source, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(source, "not an integer: " + abbreviate(text));
        }
    }

    /** Parses the kernel's {@code 0x...} hex, which covers the full unsigned 64-bit range. */
    static long parseHex(String source, String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new ProcFormatException(source, "not a hex number: " + abbreviate(text));
        }
    }

    static double parseDouble(String source, String text) {
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new ProcFormatException(source, "not a decimal: " + abbreviate(text));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "…'";
    }
}
