/* The floor for procward's init loop: the same loop in C, with nothing else. PID 1 (or a
 * subreaper's) loop of a minimal init: every signal blocked and read from one blocking signalfd;
 * SIGCHLD drains exited children with wait4(-1, WNOHANG); any other signal is forwarded to the
 * child; exits with the child's status (128+N when killed). No flags, no tty handling, no
 * pidfd: a benchmark row beside procward, tini, dumb-init and catatonit, not an init to use.
 * Usage: c-loop-init CMD [ARGS...] */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: c-loop-init CMD [ARGS...]\n"); return 1; }
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &all, NULL);
    int sfd = signalfd(-1, &all, SFD_CLOEXEC);
    if (sfd < 0) { perror("signalfd"); return 1; }
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    pid_t child;
    if (posix_spawnp(&child, argv[1], NULL, &attr, argv + 1, environ) != 0) { perror(argv[1]); return 127; }
    for (;;) {
        struct signalfd_siginfo si;
        if (read(sfd, &si, sizeof si) != (ssize_t) sizeof si) continue;
        if (si.ssi_signo != SIGCHLD) { kill(child, (int) si.ssi_signo); continue; }
        int status;
        pid_t p;
        while ((p = waitpid(-1, &status, WNOHANG)) > 0) {
            if (p == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
}
