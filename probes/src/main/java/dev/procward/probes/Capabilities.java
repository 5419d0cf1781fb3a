package dev.procward.probes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Decodes the Cap* masks of {@code status} into capability names (capabilities(7)). */
public final class Capabilities {
    private static final String[] NAMES = {
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE"};

    private Capabilities() {}

    /** The name of capability number {@code bit}; unknown (newer) ones read "cap_N". */
    public static String name(int bit) {
        return bit >= 0 && bit < NAMES.length ? NAMES[bit] : "cap_" + bit;
    }

    /** Every capability set in the mask, lowest number first. */
    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>(Long.bitCount(mask));
        for (int bit = 0; bit < 64; bit++) if ((mask & (1L << bit)) != 0) out.add(name(bit));
        return out;
    }

    /**
     * The capabilities this kernel generation knows that {@code present} (decoded names, as from
     * {@link #names}) lacks, lowest number first; empty for a full set.
     */
    public static List<String> missing(Collection<String> present) {
        List<String> out = new ArrayList<>();
        for (String n : NAMES) if (!present.contains(n)) out.add(n);
        return out;
    }

    /** How many capabilities this kernel generation knows. */
    public static int known() {
        return NAMES.length;
    }

    /** True when the mask holds every capability this kernel generation knows (a full root set). */
    public static boolean full(long mask) {
        long all = (1L << NAMES.length) - 1;
        return (mask & all) == all;
    }
}
