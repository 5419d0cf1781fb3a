package dev.procward.probes;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /proc/PID/ns/*}: the inode of each namespace, keyed by its type ("pid", "mnt", "net",
 * "uts", "ipc", "user", "cgroup", "time"). The *_for_children links are not kept. Two processes
 * share a namespace exactly when the inodes are equal.
 */
public record Namespaces(Map<String, Long> inodes) {
    /** Namespace types in the order tools show them. */
    public static final String[] TYPES = {"pid", "mnt", "net", "uts", "ipc", "user", "cgroup", "time"};

    public Namespaces {
        inodes = Map.copyOf(inodes);
    }

    /** Types whose inode differs between the two (types missing from either side are ignored). */
    public java.util.List<String> differingFrom(Namespaces other) {
        var out = new java.util.ArrayList<String>();
        for (String t : TYPES) {
            Long a = inodes.get(t), b = other.inodes.get(t);
            if (a != null && b != null && !a.equals(b)) out.add(t);
        }
        return out;
    }

    /** Parses one link target such as {@code pid:[4026531836]} into its inode. */
    public static long parseLink(String target) {
        if (target == null) throw new ProcParseException("ns", "no link");
        int open = target.indexOf(":[");
        if (open < 0 || !target.endsWith("]")) throw new ProcParseException("ns", "bad link");
        return Numbers.parseLong(target, open + 2, target.length() - 1, "ns inode");
    }

    public static Namespaces of(Map<String, String> linkTargets) {
        var m = new TreeMap<String, Long>();
        linkTargets.forEach((type, target) -> m.put(type, parseLink(target)));
        return new Namespaces(m);
    }
}
