package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gives back the resident pages of this process's file mappings ({@code MADV_PAGEOUT}).
 *
 * <p>A JVM touches most of libjvm.so, the class archive and the jar while it starts, and an idle
 * init then needs a small part of them. Paging out the clean file-backed pages lowers the init's
 * resident set by several MB; the kernel reads back on demand the few pages the next wake-up
 * touches. Pages that another process also maps are left alone by the kernel, and anonymous
 * memory (there is no swap in a container) is not touched.
 *
 * <p>All ranges go to the kernel in one {@code process_madvise} call on this process's own
 * pidfd: Java code running between per-range {@code madvise} calls would touch (and so read
 * back) the archive's pages it had just given up. {@code madvise} per range is the fallback
 * (kernels before 5.10).
 */
public final class ResidentPages {

    private static final int MADV_PAGEOUT = 21;
    /** UIO_MAXIOV: the most ranges one call takes. */
    private static final int MAX_RANGES = 1024;

    private ResidentPages() {}

    /**
     * Pages out every file-backed mapping of this process and returns how many ranges were
     * advised. Ranges the kernel refuses (locked, special) are skipped; nothing here fails the
     * caller.
     */
    public static int pageOutFileMappings() {
        long[] ranges = fileBackedRanges();
        int n = ranges.length / 2;
        if (n == 0) return 0;
        CallState cs = CallState.current();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = arena.allocate(16L * n, 8);
            for (int i = 0; i < n; i++) {
                iov.setAtIndex(JAVA_LONG, 2L * i, ranges[2 * i]);
                iov.setAtIndex(JAVA_LONG, 2L * i + 1, ranges[2 * i + 1] - ranges[2 * i]);
            }
            // getpid through the syscall shape already linked: ProcessHandle would load classes the
            // idle init then keeps.
            long pid = Syscall.raw(cs, Sys.GETPID, 0, 0, 0, 0, 0, 0);
            int self = (int) Syscall.raw(cs, Sys.PIDFD_OPEN, pid, 0, 0, 0, 0, 0);
            boolean batched = false;
            if (self >= 0) {
                batched = true;
                for (int at = 0; at < n && batched; at += MAX_RANGES) {
                    int count = Math.min(MAX_RANGES, n - at);
                    batched = Syscall.raw(cs, Sys.PROCESS_MADVISE, self, iov.address() + 16L * at, count,
                            MADV_PAGEOUT, 0, 0) >= 0;
                }
                Syscall.raw(cs, Sys.CLOSE, self, 0, 0, 0, 0, 0);
            }
            if (!batched) {
                for (int i = 0; i < n; i++) {
                    Syscall.raw(cs, Sys.MADVISE, ranges[2 * i], ranges[2 * i + 1] - ranges[2 * i], MADV_PAGEOUT, 0, 0, 0);
                }
            }
        }
        return n;
    }

    /** start, end pairs of every file-backed mapping in /proc/self/maps. */
    private static long[] fileBackedRanges() {
        long[] out = new long[128];
        int n = 0;
        try (BufferedReader maps = new BufferedReader(new InputStreamReader(
                new FileInputStream("/proc/self/maps"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = maps.readLine()) != null) {
                long[] range = fileBackedRange(line);
                if (range == null) continue;
                if (n + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
                out[n++] = range[0];
                out[n++] = range[1];
            }
        } catch (IOException e) {
            // No /proc: nothing to give back.
        }
        return Arrays.copyOf(out, n);
    }

    /** {@code [start, end)} of a maps line whose inode is not 0 (a file), else null. */
    static long[] fileBackedRange(String line) {
        // start-end perms offset dev inode [path]
        int dash = line.indexOf('-');
        int s1 = line.indexOf(' ');
        int s2 = line.indexOf(' ', s1 + 1);
        int s3 = line.indexOf(' ', s2 + 1);
        int s4 = line.indexOf(' ', s3 + 1);
        int s5 = line.indexOf(' ', s4 + 1);
        if (dash < 0 || s1 < dash || s4 < 0) return null;
        String inode = s5 < 0 ? line.substring(s4 + 1) : line.substring(s4 + 1, s5);
        if (inode.equals("0")) return null;
        return new long[] {Long.parseUnsignedLong(line, 0, dash, 16), Long.parseUnsignedLong(line, dash + 1, s1, 16)};
    }
}
