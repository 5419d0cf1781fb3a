package dev.procward.libc;

/**
 * {@code unshare}: moves the caller into new namespaces.
 *
 * <p>CLONE_NEWPID is special: it does not move the caller, only its <em>next children</em>; the
 * first child becomes PID 1 of the new namespace, and once that child has exited no further
 * process can be created there (ENOMEM). In a JVM this is irreversible for the whole process, so
 * do it in a helper process that spawns the child and nothing else.
 */
public final class Namespaces {

    private Namespaces() {}

    public static final int CLONE_NEWTIME = 0x00000080;
    public static final int CLONE_FS = 0x00000200;
    public static final int CLONE_FILES = 0x00000400;
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_SYSVSEM = 0x00040000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    /**
     * unshare(flags). EPERM without CAP_SYS_ADMIN (outside a user namespace); EINVAL for
     * CLONE_NEWUSER or CLONE_NEWNS in a multi-threaded process such as a JVM.
     */
    public static void unshare(int flags) {
        Syscall.call(Sys.UNSHARE, () -> "0x" + Integer.toHexString(flags), flags);
    }
}
