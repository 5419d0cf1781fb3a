package dev.procward.probes;

/** Integer parsing without substring allocation, throwing only {@link ProcParseException}. */
final class Numbers {
    private Numbers() {}

    /** Parses a decimal (optionally negative) integer in {@code s[from, to)}. Unsigned 64-bit values wrap. */
    static long parseLong(CharSequence s, int from, int to, String what) {
        if (from >= to) throw new ProcParseException(what, "empty number");
        boolean neg = s.charAt(from) == '-';
        int i = neg ? from + 1 : from;
        if (i >= to) throw new ProcParseException(what, "empty number");
        long v = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new ProcParseException(what, "not a number");
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    /** {@link #parseLong(CharSequence, int, int, String)} over ASCII bytes {@code b[from, to)}. */
    static long parseLong(byte[] b, int from, int to, String what) {
        if (from >= to) throw new ProcParseException(what, "empty number");
        boolean neg = b[from] == '-';
        int i = neg ? from + 1 : from;
        if (i >= to) throw new ProcParseException(what, "empty number");
        long v = 0;
        for (; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') throw new ProcParseException(what, "not a number");
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    static long parseLong(String s, String what) {
        String t = s.strip();
        return parseLong(t, 0, t.length(), what);
    }

    static long parseHex(String s, String what) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 16) throw new ProcParseException(what, "bad hex");
        try {
            return Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            throw new ProcParseException(what, "bad hex");
        }
    }

    /** "1234 kB" or "1234" → 1234. */
    static long parseKb(String s, String what) {
        String t = s.strip();
        if (t.endsWith(" kB")) t = t.substring(0, t.length() - 3).strip();
        return parseLong(t, 0, t.length(), what);
    }

    /** Hex digits in {@code b[from, to)}, as an unsigned 64-bit mask. */
    static long parseHex(byte[] b, int from, int to, String what) {
        if (from >= to || to - from > 16) throw new ProcParseException(what, "bad hex");
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(b[i] & 0xff, 16);
            if (d < 0) throw new ProcParseException(what, "bad hex");
            v = (v << 4) | d;
        }
        return v;
    }

    /** "1234 kB" or "1234" in {@code b[from, to)} (already stripped) → 1234. */
    static long parseKb(byte[] b, int from, int to, String what) {
        if (to - from > 3 && b[to - 1] == 'B' && b[to - 2] == 'k' && b[to - 3] == ' ') {
            to -= 3;
            while (to > from && b[to - 1] == ' ') to--;
        }
        return parseLong(b, from, to, what);
    }
}
