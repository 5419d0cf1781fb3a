/* The reference sweep in C: read /proc/PID/task/TID/stat of every thread, as procward stuck's hot
 * path does. Prints the median wall time of RUNS sweeps and the CPU time per sweep.
 *   c-sweep [RUNS]          open, read and close every stat by its full path (the classic method)
 *   c-sweep RUNS kept       keep every stat open and pread it again on the next sweeps, reading
 *                           each task/ as it is listed (the floor for StuckSampler.keepDescriptors()
 *                           on one thread, which sample() uses)
 *   c-sweep RUNS kept N     the same on N threads: list every task/ first (processes interleaved
 *                           over N pthreads), then split the thread list by count between them
 *                           (StuckSampler's parallel method)
 * "kept" keeps at most the soft descriptor limit less 1024, as StuckSampler does. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void *a, const void *b) { double x = *(const double *) a, y = *(const double *) b; return (x > y) - (x < y); }

#define MAX_TID (1 << 22)
static int *kept_fd; /* tid -> descriptor + 1, 0 for none; each tid is read by one thread */
static int kept_count, kept_capacity; /* as StuckSampler: the soft descriptor limit less 1024 */

/* Reads one thread's stat through its kept descriptor, opening it on first use: 1 when read.
 * Beyond kept_capacity descriptors a stat is read the cold way. */
static int read_kept(int pid, int tid, char *buf, size_t size) {
    char path[64];
    if (tid < MAX_TID && kept_fd[tid]) {
        if (pread(kept_fd[tid] - 1, buf, size, 0) > 0) return 1;
        close(kept_fd[tid] - 1);
        kept_fd[tid] = 0;
        __atomic_sub_fetch(&kept_count, 1, __ATOMIC_RELAXED);
    }
    snprintf(path, sizeof path, "/proc/%d/task/%d/stat", pid, tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    int ok = read(fd, buf, size) > 0;
    if (tid < MAX_TID && __atomic_add_fetch(&kept_count, 1, __ATOMIC_RELAXED) <= kept_capacity) {
        kept_fd[tid] = fd + 1;
    } else {
        if (tid < MAX_TID) __atomic_sub_fetch(&kept_count, 1, __ATOMIC_RELAXED);
        close(fd);
    }
    return ok;
}

/* The listed threads, as (pid, tid) pairs, and the range one worker reads. */
static int *listed, listed_count, listed_room;
struct range { int from, to, read; };

static void *read_range(void *arg) {
    struct range *r = arg;
    char buf[4096];
    r->read = 0;
    for (int i = r->from; i < r->to; i++) r->read += read_kept(listed[2 * i], listed[2 * i + 1], buf, sizeof buf);
    return NULL;
}

/* Calls fn for every thread of every process, in the order /proc lists them. */
typedef void (*thread_fn)(const char *pid, const char *tid, void *ctx);
static void for_each_thread(thread_fn fn, void *ctx) {
    char path[300];
    DIR *d = opendir("/proc");
    if (!d) { perror("/proc"); exit(1); }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        snprintf(path, sizeof path, "/proc/%s/task", e->d_name);
        DIR *t = opendir(path);
        if (!t) continue;
        struct dirent *f;
        while ((f = readdir(t))) {
            if (f->d_name[0] != '.') fn(e->d_name, f->d_name, ctx);
        }
        closedir(t);
    }
    closedir(d);
}

/* One worker's part of the listing: the task/ of every N-th process (interleaved, so that a few
 * big processes spread over the workers), as (pid, tid) pairs. */
struct listing { int *pids, npids, worker, workers; int *pairs, count, room; };

static void *list_part(void *arg) {
    struct listing *l = arg;
    char path[64];
    l->count = 0;
    for (int i = l->worker; i < l->npids; i += l->workers) {
        snprintf(path, sizeof path, "/proc/%d/task", l->pids[i]);
        DIR *t = opendir(path);
        if (!t) continue;
        struct dirent *f;
        while ((f = readdir(t))) {
            if (f->d_name[0] == '.') continue;
            if (l->count == l->room) {
                l->room = l->room ? 2 * l->room : 4096;
                l->pairs = realloc(l->pairs, 2 * sizeof *l->pairs * l->room);
            }
            l->pairs[2 * l->count] = l->pids[i];
            l->pairs[2 * l->count + 1] = atoi(f->d_name);
            l->count++;
        }
        closedir(t);
    }
    return NULL;
}

/* Runs fn(args[w]) on `workers` threads, the calling thread being the first. */
static void on_workers(void *(*fn)(void *), void *args, size_t size, int workers) {
    pthread_t threads[64];
    for (int w = 1; w < workers; w++) pthread_create(&threads[w], NULL, fn, (char *) args + w * size);
    fn(args);
    for (int w = 1; w < workers; w++) pthread_join(threads[w], NULL);
}

static int *pids, pids_room;

/* StuckSampler's method: list every task/ on N threads, then read the thread list split by count. */
static int sweep_parallel(int workers) {
    int npids = 0;
    DIR *d = opendir("/proc");
    if (!d) { perror("/proc"); exit(1); }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
        if (npids == pids_room) pids = realloc(pids, sizeof *pids * (pids_room = pids_room ? 2 * pids_room : 4096));
        pids[npids++] = atoi(e->d_name);
    }
    closedir(d);
    static struct listing parts[64];
    for (int w = 0; w < workers; w++) {
        parts[w].pids = pids;
        parts[w].npids = npids;
        parts[w].worker = w;
        parts[w].workers = workers;
    }
    on_workers(list_part, parts, sizeof parts[0], workers);
    listed_count = 0;
    for (int w = 0; w < workers; w++) {
        if (listed_count + parts[w].count > listed_room) {
            listed_room = 2 * (listed_count + parts[w].count);
            listed = realloc(listed, 2 * sizeof *listed * listed_room);
        }
        memcpy(listed + 2 * listed_count, parts[w].pairs, 2 * sizeof *listed * parts[w].count);
        listed_count += parts[w].count;
    }
    struct range ranges[64];
    for (int w = 0; w < workers; w++) {
        ranges[w] = (struct range) { (int) ((long) listed_count * w / workers), (int) ((long) listed_count * (w + 1) / workers), 0 };
    }
    on_workers(read_range, ranges, sizeof ranges[0], workers);
    int n = 0;
    for (int w = 0; w < workers; w++) n += ranges[w].read;
    return n;
}

static void read_cold(const char *pid, const char *tid, void *ctx) {
    char buf[4096], path[600];
    snprintf(path, sizeof path, "/proc/%s/task/%s/stat", pid, tid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    if (read(fd, buf, sizeof buf) > 0) ++*(int *) ctx;
    close(fd);
}

static void read_listed_kept(const char *pid, const char *tid, void *ctx) {
    char buf[4096];
    *(int *) ctx += read_kept(atoi(pid), atoi(tid), buf, sizeof buf);
}

static int sweep(int kept) {
    int n = 0;
    for_each_thread(kept ? read_listed_kept : read_cold, &n);
    return n;
}

int main(int argc, char **argv) {
    int runs = argc > 1 ? atoi(argv[1]) : 20;
    int kept = argc > 2 && strcmp(argv[2], "kept") == 0;
    int workers = kept && argc > 3 ? atoi(argv[3]) : 0;
    if (workers > 64) workers = 64;
    if (kept) {
        kept_fd = calloc(MAX_TID, sizeof *kept_fd);
        struct rlimit nofile;
        getrlimit(RLIMIT_NOFILE, &nofile);
        kept_capacity = nofile.rlim_cur > 2048 ? (int) nofile.rlim_cur - 1024 : (int) nofile.rlim_cur / 4;
    }
    double *ms = calloc(runs, sizeof *ms);
    int n = 0;
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        n = workers > 0 ? sweep_parallel(workers) : sweep(kept);
        ms[r] = now() - t0;
    }
    /* CPU time is the steadier figure on a shared host: wall time also waits for other jobs. */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    qsort(ms, runs, sizeof *ms, cmp);
    char mode[32] = "";
    if (workers > 0) snprintf(mode, sizeof mode, " kept %d threads", workers);
    else if (kept) snprintf(mode, sizeof mode, " kept");
    printf("c-sweep%s: %d threads, median %.1f ms, min %.1f ms over %d sweeps, cpu %.1f ms per sweep\n",
           mode, n, ms[runs / 2], ms[0], runs, cpu / runs);
    return 0;
}
