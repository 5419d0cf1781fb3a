package dev.procward.probes;

/**
 * One entry of {@code /proc/PID/fd/}: the descriptor and what its link names.
 *
 * @param fd     the descriptor number
 * @param target the link's text, e.g. {@code /var/log/x.log}, {@code socket:[1234]}, {@code anon_inode:[eventfd]}
 * @param type   what kind of object it is
 * @param inode  the inode for pipes and sockets, else -1
 * @param detail the anon_inode kind ("eventpoll", "inotify", "eventfd", "pidfd" …), or "deleted" for a
 *               removed file, else ""
 */
public record FdEntry(int fd, String target, Type type, long inode, String detail) {
    public enum Type { FILE, DIRECTORY_OR_DEVICE, PIPE, SOCKET, ANON_INODE, MEMFD, NAMESPACE, OTHER }

    /** Classifies a link target. Never throws: an unknown shape is {@link Type#OTHER}. */
    public static FdEntry of(int fd, String target) {
        if (target.startsWith("socket:[")) return new FdEntry(fd, target, Type.SOCKET, inode(target, 7), "");
        if (target.startsWith("pipe:[")) return new FdEntry(fd, target, Type.PIPE, inode(target, 5), "");
        if (target.startsWith("anon_inode:")) {
            String kind = target.substring("anon_inode:".length());
            if (kind.startsWith("[") && kind.endsWith("]")) kind = kind.substring(1, kind.length() - 1);
            return new FdEntry(fd, target, Type.ANON_INODE, -1, kind);
        }
        if (target.startsWith("/memfd:")) return new FdEntry(fd, target, Type.MEMFD, -1, target.endsWith(" (deleted)") ? "deleted" : "");
        if (target.startsWith("/dev/")) return new FdEntry(fd, target, Type.DIRECTORY_OR_DEVICE, -1, "");
        if (target.startsWith("/")) {
            return new FdEntry(fd, target, Type.FILE, -1, target.endsWith(" (deleted)") ? "deleted" : "");
        }
        int colon = target.indexOf(":[");
        if (colon > 0 && target.endsWith("]")) return new FdEntry(fd, target, Type.NAMESPACE, inode(target, colon + 1), "");
        return new FdEntry(fd, target, Type.OTHER, -1, "");
    }

    /** "pipe:[123]" → 123; the bracket starts at {@code open}. */
    private static long inode(String target, int open) {
        int close = target.lastIndexOf(']');
        if (open >= target.length() || target.charAt(open) != '[' || close <= open + 1) return -1;
        long v = 0;
        for (int i = open + 1; i < close; i++) {
            char c = target.charAt(i);
            if (c < '0' || c > '9' || v > Long.MAX_VALUE / 10) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
