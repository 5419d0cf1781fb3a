/* The reference sweep in C: open, read and close /proc/PID/task/TID/stat of every thread, as
 * procward stuck's hot path does. Prints the median of RUNS sweeps in ms. Usage: c-sweep [RUNS] */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 20;
    double *ms = calloc(runs, sizeof *ms);
    char buf[4096], path[256];
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
                snprintf(path, sizeof path, "/proc/%s/task/%s/stat", e->d_name, f->d_name);
                int fd = open(path, O_RDONLY);
                if (fd < 0) continue;
                if (read(fd, buf, sizeof buf) > 0) n++;
                close(fd);
            }
            closedir(t);
        }
        closedir(d);
        ms[r] = now() - t0;
    }
    qsort(ms, runs, sizeof *ms, cmp);
    printf("c-sweep: %d threads, median %.1f ms over %d sweeps\n", n, ms[runs / 2], runs);
    return 0;
}
