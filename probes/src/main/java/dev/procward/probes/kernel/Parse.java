package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

/**
 * Number parsing for the kernel-file parsers of this package. Like every parser in probes they
 * throw only {@link ProcParseException}; readers turn it into a MALFORMED gap.
 */
final class Parse {
    private Parse() {}

    /** Wraps a number-format failure without a stack of the JDK's own message. */
    static long parseLong(String source, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProcParseException(source, "not an integer: " + abbreviate(text));
        }
    }

    static int parseInt(String source, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ProcParseException(source, "not an integer: " + abbreviate(text));
        }
    }

    /** Parses the kernel's {@code 0x...} hex, which covers the full unsigned 64-bit range. */
    static long parseHex(String source, String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            return Long.parseUnsignedLong(digits, 16);
        } catch (NumberFormatException e) {
            throw new ProcParseException(source, "not a hex number: " + abbreviate(text));
        }
    }

    static double parseDouble(String source, String text) {
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new ProcParseException(source, "not a decimal: " + abbreviate(text));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? "'" + text + "'" : "'" + text.substring(0, 40) + "…'";
    }
}
