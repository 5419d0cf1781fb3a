package dev.procward.libc;

import java.lang.foreign.MemorySegment;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The <em>calling thread's</em> user, group and supplementary groups, through the raw syscalls.
 *
 * <p>The kernel keeps credentials per thread; glibc's {@code setuid} family broadcasts the change
 * to every thread of the process, the raw syscalls do not. An init uses that to spawn a child as
 * another user (gosu, su-exec) from a short-lived thread while the rest of the JVM keeps its
 * identity: {@code posix_spawn} clones the calling thread, credentials included.
 */
public final class ThreadCredentials {

    private ThreadCredentials() {}

    /** setgroups(n, list) for this thread only. EPERM without CAP_SETGID. */
    public static void setGroups(List<Integer> groups) {
        if (groups.size() > 128) throw new IllegalArgumentException("at most 128 supplementary groups, got " + groups.size());
        CallState cs = CallState.current();
        MemorySegment list = cs.zeroedScratch(Math.max(4, 4L * groups.size()));
        for (int i = 0; i < groups.size(); i++) list.setAtIndex(JAVA_INT, i, groups.get(i));
        long r = Syscall.raw(cs, Sys.SETGROUPS, groups.size(), list.address(), 0, 0, 0, 0);
        if (r == -1) throw cs.failure("setgroups", groups);
    }

    /** setresgid(gid, gid, gid) for this thread only. */
    public static void setGid(int gid) {
        Syscall.call(Sys.SETRESGID, () -> gid, gid, gid, gid);
    }

    /** setresuid(uid, uid, uid) for this thread only: there is no way back on this thread. */
    public static void setUid(int uid) {
        Syscall.call(Sys.SETRESUID, () -> uid, uid, uid, uid);
    }
}
