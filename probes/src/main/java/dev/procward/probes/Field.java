package dev.procward.probes;

/**
 * What a snapshot reads for each process. The {@link Snapshotter} opens only the files the
 * requested fields need, so a listing of pid and comm reads {@code stat} alone.
 */
public enum Field {
    /** {@code stat}: ids, state, tty, times, nice, threads, vsize, rss. */
    STAT("stat"),
    /** {@code status}: names, credentials, NSpid, signal and capability masks, Vm* sizes. */
    STATUS("status"),
    /** {@code cmdline}. */
    CMDLINE("cmdline"),
    /** {@code statm}. */
    STATM("statm"),
    /** {@code smaps_rollup}, falling back to summing {@code smaps}: PSS, USS, swap. */
    SMAPS_ROLLUP("smaps_rollup"),
    /** {@code wchan}: the kernel function a sleeping task waits in. */
    WCHAN("wchan"),
    /** {@code ns/*}: namespace inodes. */
    NAMESPACES("ns");

    private final String file;

    Field(String file) {
        this.file = file;
    }

    /** The file or directory under the pid directory. */
    public String file() {
        return file;
    }
}
