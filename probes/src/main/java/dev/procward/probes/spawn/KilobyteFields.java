package dev.procward.probes.spawn;

/**
 * The {@code Name:   1234 kB} lines shared by {@code /proc/meminfo} and {@code smaps_rollup}:
 * the value of one field in bytes, or -1 when the field is absent.
 */
final class KilobyteFields {
    private KilobyteFields() {}

    static long bytes(String text, String field) {
        String prefix = field + ":";
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).strip().split("\\s+")[0]) * 1024;
            }
        }
        return -1;
    }
}
