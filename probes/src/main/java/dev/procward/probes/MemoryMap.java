package dev.procward.probes;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/PID/smaps} (every VMA with its Rss/Pss/Private/Swap) or, when smaps cannot be read,
 * {@code /proc/PID/maps} (ranges only; sizes are then -1). One parser for both: a VMA header line
 * is {@code start-end perms offset dev inode [path]}, and smaps adds "Key: N kB" lines under it.
 */
public record MemoryMap(List<Vma> vmas, boolean detailed) {
    public enum Category { HEAP, STACK, LIBRARY, FILE, ANON, KERNEL }

    /** One mapping. Sizes in kB, -1 when read from maps. */
    public record Vma(long start, long end, String perms, long offset, String device, long inode, String path,
                      long rssKb, long pssKb, long privateKb, long swapKb) {
        public long sizeKb() {
            return (end - start) / 1024;
        }

        public Category category() {
            String p = path;
            if (p.isEmpty() || p.startsWith("[anon")) return Category.ANON;
            if (p.equals("[heap]")) return Category.HEAP;
            if (p.startsWith("[stack")) return Category.STACK;
            if (p.startsWith("[")) return Category.KERNEL; // [vdso] [vvar] [vsyscall] [uprobes]
            int slash = p.lastIndexOf('/');
            String name = p.substring(slash + 1);
            if (name.endsWith(".so") || name.contains(".so.")) return Category.LIBRARY;
            return Category.FILE;
        }
    }

    /** Sum per category, in kB. */
    public record Total(long sizeKb, long rssKb, long pssKb, long privateKb, long swapKb, int count) {}

    public MemoryMap {
        vmas = List.copyOf(vmas);
    }

    public Map<Category, Total> summary() {
        Map<Category, long[]> acc = new EnumMap<>(Category.class);
        for (Vma v : vmas) {
            long[] a = acc.computeIfAbsent(v.category(), c -> new long[6]);
            a[0] += v.sizeKb();
            a[1] += Math.max(0, v.rssKb());
            a[2] += Math.max(0, v.pssKb());
            a[3] += Math.max(0, v.privateKb());
            a[4] += Math.max(0, v.swapKb());
            a[5]++;
        }
        Map<Category, Total> out = new EnumMap<>(Category.class);
        acc.forEach((c, a) -> out.put(c, new Total(a[0], a[1], a[2], a[3], a[4], (int) a[5])));
        return out;
    }

    public static MemoryMap parse(String text) {
        if (text == null) throw new ProcParseException("maps", "no text");
        List<Vma> out = new ArrayList<>();
        boolean detailed = false;
        Vma cur = null;
        long rss = -1, pss = -1, priv = -1, swap = -1;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            if (isHeader(line)) {
                if (cur != null) out.add(withSizes(cur, rss, pss, priv, swap));
                cur = header(line);
                rss = pss = priv = swap = -1;
                continue;
            }
            if (cur == null) throw new ProcParseException("maps", "value before any mapping");
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.endsWith(" kB")) continue; // VmFlags, THPeligible, ProtectionKey
            detailed = true;
            String key = line.substring(0, colon);
            long v = Numbers.parseKb(line.substring(colon + 1), "smaps " + key);
            switch (key) {
                case "Rss" -> rss = v;
                case "Pss" -> pss = v;
                case "Private_Clean", "Private_Dirty" -> priv = Math.max(0, priv) + v;
                case "Swap" -> swap = v;
                default -> { }
            }
        }
        if (cur != null) out.add(withSizes(cur, rss, pss, priv, swap));
        return new MemoryMap(out, detailed);
    }

    private static Vma withSizes(Vma v, long rss, long pss, long priv, long swap) {
        return new Vma(v.start, v.end, v.perms, v.offset, v.device, v.inode, v.path, rss, pss, priv, swap);
    }

    /** A header starts "hex-hex " with a 4-letter permission field; value lines start with a key. */
    private static boolean isHeader(String line) {
        int dash = line.indexOf('-');
        int space = line.indexOf(' ');
        if (dash <= 0 || space <= dash) return false;
        for (int i = 0; i < space; i++) {
            char c = line.charAt(i);
            if (i != dash && Character.digit(c, 16) < 0) return false;
        }
        return true;
    }

    private static Vma header(String line) {
        String[] f = new String[5];
        int pos = 0;
        for (int k = 0; k < 5; k++) {
            while (pos < line.length() && line.charAt(pos) == ' ') pos++;
            int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ') pos++;
            if (start == pos) throw new ProcParseException("maps", "short mapping line");
            f[k] = line.substring(start, pos);
        }
        while (pos < line.length() && line.charAt(pos) == ' ') pos++;
        String path = line.substring(pos);
        int dash = f[0].indexOf('-');
        try {
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            long offset = Long.parseUnsignedLong(f[2], 16);
            long inode = Long.parseLong(f[4]);
            if (f[1].length() != 4) throw new ProcParseException("maps", "bad permissions");
            return new Vma(start, end, f[1], offset, f[3], inode, path, -1, -1, -1, -1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new ProcParseException("maps", "bad number in mapping line");
        }
    }
}
