package dev.procward.probes.spawn;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How big the spawning parent is made before it spawns: bytes of anonymous memory that are
 * actually written, page by page, optionally backed by transparent huge pages (MADV_HUGEPAGE).
 */
public record ParentSize(long bytes, boolean hugePages) implements Comparable<ParentSize> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    public ParentSize {
        if (bytes < 0) throw new IllegalArgumentException("parent size cannot be negative");
    }

    /**
     * Parses a size such as {@code 16m}, {@code 1g}, {@code 4G}, {@code 512MiB} or a plain byte
     * count. Suffixes are binary (k = 1024).
     */
    public static ParentSize parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (expected e.g. 16m, 1g, 4g)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        if (n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("size too large: '" + text + "'");
        return new ParentSize(n << shift, false);
    }

    public ParentSize withHugePages() {
        return new ParentSize(bytes, true);
    }

    /** Short label: {@code 16m}, {@code 1g}, {@code 1g+thp}. */
    public String label() {
        return humanBytes(bytes) + (hugePages ? "+thp" : "");
    }

    static String humanBytes(long bytes) {
        String[] units = {"", "k", "m", "g", "t"};
        int unit = 0;
        long v = bytes;
        while (unit < units.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return v + units[unit];
    }

    public double gibibytes() {
        return bytes / (double) (1L << 30);
    }

    @Override
    public int compareTo(ParentSize o) {
        int c = Long.compare(bytes, o.bytes);
        return c != 0 ? c : Boolean.compare(hugePages, o.hugePages);
    }
}
