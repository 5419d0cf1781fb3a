/* A parent blocked in vfork(): it sleeps uninterruptibly (D) until its child execs or exits.
 * The child sleeps for ARGV[1] seconds (default 1000) and exits. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>
#include <time.h>
#include <sys/syscall.h>

int main(int argc, char **argv) {
    long secs = argc > 1 ? atol(argv[1]) : 1000;
    pid_t child = vfork();
    if (child == 0) {
        struct timespec ts = { secs, 0 };
        syscall(SYS_nanosleep, &ts, NULL); /* raw syscall: a vfork child must not touch libc state */
        _exit(0);
    }
    return child < 0;
}
