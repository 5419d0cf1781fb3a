package dev.procward.cli.diag;

/** Human units for tables: ages, byte sizes, percentages. */
public final class Human {
    private Human() {}

    public static String age(double seconds) {
        long s = (long) seconds;
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        if (s < 86400) return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
        return (s / 86400) + "d" + ((s % 86400) / 3600 == 0 ? "" : ((s % 86400) / 3600) + "h");
    }

    public static String bytes(long b) {
        if (b < 0) return "?";
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + "B" : (v >= 100 ? String.format("%.0f%s", v, units[u]) : String.format("%.1f%s", v, units[u]));
    }

    public static String percent(double fraction) {
        if (fraction < 0) return "-";
        double p = fraction * 100;
        return p < 10 && p > 0 ? String.format("%.1f%%", p) : String.format("%.0f%%", p);
    }

    /** "412 / 32768 (1.3%)", or "412 / unlimited". */
    public static String usage(long current, Long max) {
        return max == null ? current + " / unlimited" : current + " / " + max + " (" + percent((double) current / Math.max(1, max)) + ")";
    }
}
