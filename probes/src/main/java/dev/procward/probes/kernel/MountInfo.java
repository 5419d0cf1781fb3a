package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /proc/PID/mountinfo}: the mounts in a process's mount namespace, in mount order. A line is
 * {@code ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL…] - FSTYPE SOURCE SUPEROPTIONS}, with
 * blanks, tabs, newlines and backslashes in paths escaped as octal ({@code \040}).
 */
public record MountInfo(List<Mount> mounts) {

    /** Filesystems whose I/O crosses a network: a D-state thread on one often waits on a server. */
    public static final Set<String> NETWORK_FS_TYPES = Set.of(
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs", "9p", "afs", "ncpfs",
            "lustre", "gpfs", "ocfs2", "gfs2", "orangefs", "beegfs", "davfs");

    public record Mount(int id, int parentId, int major, int minor, String root, String mountPoint,
                        String options, String fsType, String source, String superOptions) {

        /** "8:1" style device number, as in {@code ls -l /dev}. */
        public String device() {
            return major + ":" + minor;
        }

        public boolean network() {
            return NETWORK_FS_TYPES.contains(fsType) || fsType.startsWith("fuse.sshfs")
                    || fsType.equals("fuse.s3fs") || fsType.equals("fuse.rclone") || fsType.equals("fuse.gcsfuse");
        }

        /** FUSE covers {@code fuse}, {@code fuseblk} and every {@code fuse.NAME} subtype. */
        public boolean fuse() {
            return fsType.equals("fuse") || fsType.equals("fuseblk") || fsType.startsWith("fuse.");
        }
    }

    public MountInfo {
        mounts = List.copyOf(mounts);
    }

    /**
     * The mount an absolute path lives on: the longest mount point that is a prefix of it, the
     * latest mount winning where several share a mount point (it hides the earlier ones).
     */
    public Optional<Mount> mountOf(String absolutePath) {
        Mount best = null;
        for (Mount m : mounts) {
            if (contains(m.mountPoint(), absolutePath)
                    && (best == null || m.mountPoint().length() >= best.mountPoint().length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean contains(String mountPoint, String path) {
        if (mountPoint.equals("/")) return path.startsWith("/");
        return path.equals(mountPoint) || (path.startsWith(mountPoint) && path.charAt(mountPoint.length()) == '/');
    }

    public static MountInfo parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) mounts.add(parseLine(line));
        }
        return new MountInfo(mounts);
    }

    static Mount parseLine(String line) {
        String[] f = line.strip().split(" ");
        int dash = -1;
        for (int i = 6; i < f.length; i++) {
            if (f[i].equals("-")) {
                dash = i;
                break;
            }
        }
        if (f.length < 10 || dash < 0 || dash + 3 > f.length) {
            throw new ProcParseException("mountinfo", "malformed line: " + Parse.abbreviate(line));
        }
        String[] dev = f[2].split(":", -1);
        if (dev.length != 2) throw new ProcParseException("mountinfo", "bad device " + Parse.abbreviate(f[2]));
        return new Mount(
                Parse.parseInt("mountinfo", f[0]),
                Parse.parseInt("mountinfo", f[1]),
                Parse.parseInt("mountinfo", dev[0]),
                Parse.parseInt("mountinfo", dev[1]),
                unescape(f[3]), unescape(f[4]), f[5],
                f[dash + 1], unescape(f[dash + 2]),
                dash + 3 < f.length ? f[dash + 3] : "");
    }

    /** Undoes the kernel's {@code \ooo} octal escaping of paths. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') return false;
        }
        return true;
    }

    public static Readout<MountInfo> read(Path procRoot, int pid) {
        return ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("mountinfo")).map(MountInfo::parse);
    }
}
