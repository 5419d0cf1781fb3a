/* Signal-forwarding latency. "siglat child": handles TERM without exiting and writes one byte
 * to stdout per TERM. "siglat driver N INIT...": starts INIT... siglat child with a pipe on
 * its stdout, sends TERM to the init N times and waits each time for the child's byte; prints
 * the median and p90 in microseconds. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_term(int sig) { (void)sig; char b = 'x'; write(1, &b, 1); }

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "child") == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_term;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &sa, NULL);
        /* The driver ends the run by killing the init; the child must not outlive it. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        char b = 'r';
        write(1, &b, 1);
        for (;;) pause();
    }
    if (argc < 4 || strcmp(argv[1], "driver") != 0) {
        fprintf(stderr, "usage: siglat driver N INIT-ARGV... | siglat child\n");
        return 2;
    }
    int n = atoi(argv[2]);
    int p[2];
    pipe(p);
    pid_t init = fork();
    if (init == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        char *self = realpath("/proc/self/exe", NULL);
        int m = argc - 3;
        char **av = calloc(m + 3, sizeof *av);
        for (int i = 0; i < m; i++) av[i] = argv[3 + i];
        av[m] = self;
        av[m + 1] = "child";
        execvp(av[0], av);
        _exit(127);
    }
    close(p[1]);
    char b;
    if (read(p[0], &b, 1) != 1 || b != 'r') { fprintf(stderr, "child never ready\n"); return 1; }
    double *lat = calloc(n, sizeof *lat);
    for (int i = 0; i < n; i++) {
        double t0 = now_us();
        kill(init, SIGTERM);
        if (read(p[0], &b, 1) != 1) { fprintf(stderr, "child gone after %d\n", i); return 1; }
        lat[i] = now_us() - t0;
    }
    kill(init, SIGKILL);
    waitpid(init, NULL, 0);
    qsort(lat, n, sizeof *lat, cmp);
    printf("%.1f %.1f\n", lat[n / 2], lat[(n * 9) / 10]);
    return 0;
}
