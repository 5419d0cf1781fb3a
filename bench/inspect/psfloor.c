/* The floor for a process listing in C: getdents64 over /proc, then open, read and close each named
 * file of every process relative to one /proc descriptor (single-threaded). Prints the median
 * wall time and the CPU time per process. Usage: psfloor RUNS FILE... (e.g. psfloor 10 stat status);
 * the name ns stands for readlinkat of the 8 links under ns/ (tree's namespace marks). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/resource.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 10;
    double *ms = calloc(runs, sizeof *ms);
    char buf[8192], dbuf[32768];
    int n = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now(); n = 0;
        int proc = open("/proc", O_RDONLY|O_DIRECTORY|O_CLOEXEC);
        long nr;
        while ((nr = syscall(SYS_getdents64, proc, dbuf, sizeof dbuf)) > 0) {
            for (long off = 0; off < nr;) {
                struct dirent64 *e = (void *)(dbuf + off); off += e->d_reclen;
                if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
                for (int f = 2; f < argc; f++) {
                    char p[64];
                    if (strcmp(argv[f], "ns") == 0) { /* tree's namespace marks: the 8 links of ns/ */
                        static const char *types[] = {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"};
                        for (int t = 0; t < 8; t++) {
                            snprintf(p, sizeof p, "%s/ns/%s", e->d_name, types[t]);
                            readlinkat(proc, p, buf, sizeof buf);
                        }
                        continue;
                    }
                    snprintf(p, sizeof p, "%s/%s", e->d_name, argv[f]);
                    int fd = openat(proc, p, O_RDONLY|O_CLOEXEC);
                    if (fd < 0) continue;
                    while (read(fd, buf, sizeof buf) > 0);
                    close(fd);
                }
                n++;
            }
        }
        close(proc);
        ms[r] = now() - t0;
    }
    qsort(ms, runs, sizeof *ms, cmp);
    printf("psfloor:");
    for (int f = 2; f < argc; f++) printf(" %s", argv[f]);
    struct rusage ru; getrusage(RUSAGE_SELF, &ru);
    double cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    printf(" %d procs, median %.1f ms min %.1f = %.2f us/proc (min), cpu %.2f us/proc (user %.2f)\n", n, ms[runs / 2], ms[0], ms[0] * 1000 / n, cpu / runs / n, (ru.ru_utime.tv_sec * 1e6 + ru.ru_utime.tv_usec) / runs / n);
    return 0;
}
