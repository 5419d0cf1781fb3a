package dev.procward.probes.diag;

/**
 * One active thread seen in one sweep of {@link StuckSampler}.
 *
 * @param pid     its process
 * @param tid     the thread
 * @param comm    the thread's command name
 * @param state   the one-letter state (D, R, …)
 * @param syscall the system call it is in, or {@code [running]}, {@code [no syscall]},
 *                {@code [kernel thread]}, {@code [unreadable]}
 * @param wchan   the kernel function it waits in, or "-"
 * @param kstack  its kernel stack, innermost first, joined by {@code ->}; "-" when unreadable
 * @param file    for a D-state thread in a call on a descriptor: that file, its mount and filesystem;
 *                else null
 */
public record ThreadActivity(int pid, int tid, String comm, char state, String syscall, String wchan, String kstack,
                             BlockedFile file) {

    /**
     * The file a blocked system call works on.
     *
     * @param fd         the descriptor from the call's first argument ({@code -100}: AT_FDCWD, the cwd)
     * @param path       what it points to ({@code /proc/PID/task/TID/fd/N}), or "?" when unreadable
     * @param mountPoint the mount the path lives on, or null for sockets, pipes and unknown paths
     * @param fsType     that mount's filesystem type
     * @param device     its device number MAJOR:MINOR
     * @param source     its mount source (server:/export for NFS, the FUSE daemon's name…)
     * @param network    the filesystem goes over the network (nfs, cifs, ceph, sshfs…)
     * @param fuse       the filesystem is served by a user-space FUSE daemon
     */
    public record BlockedFile(int fd, String path, String mountPoint, String fsType, String device, String source,
                              boolean network, boolean fuse) {}

    /** The value of a group-by column. */
    public String column(StuckSampler.Column c) {
        return switch (c) {
            case PID -> Integer.toString(pid);
            case TID -> Integer.toString(tid);
            case COMM -> comm;
            case STATE -> Character.toString(state);
            case SYSCALL -> syscall;
            case WCHAN -> wchan;
            case KSTACK -> kstack;
            case FILE -> file == null ? "-" : file.path();
            case MOUNT -> file == null || file.mountPoint() == null ? "-" : file.mountPoint() + " (" + file.fsType() + ")";
        };
    }
}
