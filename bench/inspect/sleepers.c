/* sleepers N: N sleeping children of one parent, in their own process group, for the inspector
 * benchmarks. Children die with the parent (PR_SET_PDEATHSIG), and the parent kills the group on
 * TERM/INT, so nothing outlives a run. Prints "ready" once every child exists. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

static void stop(int sig) { (void)sig; kill(0, SIGKILL); _exit(0); }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    setpgid(0, 0);
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    for (int i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); kill(0, SIGKILL); return 1; }
        if (p == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            signal(SIGTERM, SIG_DFL);
            signal(SIGINT, SIG_DFL);
            for (;;) pause();
        }
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) pause();
}
