/* A FUSE filesystem that never answers, in a private mount namespace (gone when this exits).
 * It mounts on a fresh directory, then forks a child that opens the mount root with O_PATH and
 * calls fstat() on it: the request waits for a FUSE_INIT reply that never comes, so the child
 * sleeps in D state inside fstat on that descriptor. Prints "CHILD_PID FD MOUNTPOINT" and waits;
 * when it is killed the connection aborts and the child's fstat fails with ENOTCONN. Needs root. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    if (unshare(CLONE_NEWNS) != 0) { perror("unshare"); return 2; }
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) { perror("make-private"); return 2; }
    char dir[] = "/tmp/procward-fuse-XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 2; }
    int fuse = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fuse < 0) { perror("/dev/fuse"); return 2; }
    char opts[128];
    snprintf(opts, sizeof opts, "fd=%d,rootmode=40000,user_id=0,group_id=0", fuse);
    if (mount("procward-hang", dir, "fuse.procward-hang", MS_NOSUID | MS_NODEV, opts) != 0) { perror("mount"); return 2; }
    pid_t child = fork();
    if (child == 0) {
        close(fuse);
        int fd = open(dir, O_PATH);
        if (fd < 0) _exit(3);
        struct stat st;
        fstat(fd, &st); /* blocks in D until the connection is aborted */
        _exit(0);
    }
    /* The child opens its first free descriptor: 3 (stdin/out/err are open, /dev/fuse closed). */
    printf("%d 3 %s\n", child, dir);
    fflush(stdout);
    pause();
    return 0;
}
