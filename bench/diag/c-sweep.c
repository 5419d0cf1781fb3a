/* The reference sweep in C: read /proc/PID/task/TID/stat of every thread, as procward stuck's hot
 * path does. Prints the median wall time of RUNS sweeps and the CPU time per sweep.
 *   c-sweep [RUNS]        open, read and close every stat by its full path (the classic method)
 *   c-sweep RUNS kept     keep every stat open and pread it again on the next sweeps (the floor for
 *                         StuckSampler.keepDescriptors(), which sample() uses)
 * Needs a descriptor limit above the thread count for "kept". */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }

#define MAX_TID (1 << 22)
static int *kept_fd; /* tid -> descriptor + 1, 0 for none */

int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 20;
    int kept = argc > 2 && strcmp(argv[2], "kept") == 0;
    if (kept) kept_fd = calloc(MAX_TID, sizeof *kept_fd);
    double *ms = calloc(runs, sizeof *ms);
    char buf[4096], path[600];
    int n = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        n = 0;
        DIR *d = opendir("/proc");
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
            snprintf(path, sizeof path, "/proc/%s/task", e->d_name);
            DIR *t = opendir(path);
            if (!t) continue;
            struct dirent *f;
            while ((f = readdir(t))) {
                if (f->d_name[0] == '.') continue;
                int tid = atoi(f->d_name);
                if (kept && tid < MAX_TID && kept_fd[tid]) {
                    if (pread(kept_fd[tid] - 1, buf, sizeof buf, 0) > 0) { n++; continue; }
                    close(kept_fd[tid] - 1);
                    kept_fd[tid] = 0;
                }
                snprintf(path, sizeof path, "/proc/%s/task/%s/stat", e->d_name, f->d_name);
                int fd = open(path, O_RDONLY | O_CLOEXEC);
                if (fd < 0) continue;
                if (read(fd, buf, sizeof buf) > 0) n++;
                if (kept && tid < MAX_TID) kept_fd[tid] = fd + 1;
                else close(fd);
            }
            closedir(t);
        }
        closedir(d);
        ms[r] = now() - t0;
    }
    /* CPU time is the steadier figure on a shared host: wall time also waits for other jobs. */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    qsort(ms, runs, sizeof *ms, cmp);
    printf("c-sweep%s: %d threads, median %.1f ms, min %.1f ms over %d sweeps, cpu %.1f ms per sweep\n",
           kept ? " kept" : "", n, ms[runs / 2], ms[0], runs, cpu / runs);
    return 0;
}
