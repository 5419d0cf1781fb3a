/*
 * spawnref: the C reference harness of `procward bench spawn`.
 *
 * It is the physical limit the Java rows are compared with: the same parent size, the same target
 * program, the same clock, with nothing between the measurement and the system calls.
 *
 *   spawnref --socket PATH --rss BYTES [--thp]
 *
 * It maps BYTES of private anonymous memory (MADV_HUGEPAGE first with --thp) and writes to every
 * page, so the parent really is that big when it spawns. Then it connects to the orchestrator's
 * Unix stream socket at PATH and serves one text command per line:
 *
 *   METHOD COUNT TARGET   -> "ok NS NS ...": COUNT spawns of TARGET, each from creation to reaped
 *   children              -> "children N": unreaped children left (0 when waitid says ECHILD)
 *
 * METHOD is fork (fork+exec), vfork (vfork+exec), posix_spawn, or clone: the creation floor,
 * clone(CLONE_VM|CLONE_VFORK) whose child only calls _exit, with no exec. A failure answers
 * "error MESSAGE". The socket is close-on-exec and stdin/stdout are whatever the orchestrator gave
 * (it gives /dev/null), so a target's output can never corrupt the protocol.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <gnu/libc-version.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define EXEC_FAILED 127
#define HUGE_PAGE (2UL * 1024 * 1024)
#define MAX_COUNT 100000

static char clone_stack[64 * 1024] __attribute__((aligned(16)));

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "spawnref: %s: %s\n", what, strerror(errno));
    exit(2);
}

/* Maps and touches the parent's memory; it stays mapped until the process exits. */
static void grow_parent(size_t bytes, int thp) {
    if (bytes == 0) return;
    size_t len = bytes + HUGE_PAGE;
    char *raw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) die("mmap");
    /* Huge pages need a 2 MiB aligned start; the slack costs nothing until touched. */
    char *start = (char *)(((uintptr_t)raw + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
    if (thp && madvise(start, bytes, MADV_HUGEPAGE) != 0) die("madvise(MADV_HUGEPAGE)");
    long page = sysconf(_SC_PAGESIZE);
    for (size_t off = 0; off < bytes; off += (size_t)page) start[off] = (char)(off >> 12 | 1);
}

static int child_exit(void *arg) {
    (void)arg;
    _exit(0);
}

/* One spawn of target by method, reaped; returns its latency in ns or -1 with msg set. */
static int64_t spawn_once(const char *method, const char *target, char *msg, size_t msglen) {
    char *argv[] = {(char *)target, NULL};
    pid_t pid;
    int64_t start = now_ns();
    if (strcmp(method, "fork") == 0) {
        pid = fork();
        if (pid == 0) {
            execve(target, argv, environ);
            _exit(EXEC_FAILED);
        }
    } else if (strcmp(method, "vfork") == 0) {
        pid = vfork();
        if (pid == 0) {
            execve(target, argv, environ);
            _exit(EXEC_FAILED);
        }
    } else if (strcmp(method, "posix_spawn") == 0) {
        int rc = posix_spawn(&pid, target, NULL, NULL, argv, environ);
        if (rc != 0) {
            snprintf(msg, msglen, "posix_spawn %s: %s", target, strerror(rc));
            return -1;
        }
    } else if (strcmp(method, "clone") == 0) {
        pid = clone(child_exit, clone_stack + sizeof clone_stack, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
    } else {
        snprintf(msg, msglen, "unknown method %s", method);
        return -1;
    }
    if (pid < 0) {
        snprintf(msg, msglen, "%s: %s", method, strerror(errno));
        return -1;
    }
    int status;
    pid_t reaped;
    do reaped = waitpid(pid, &status, 0); while (reaped < 0 && errno == EINTR);
    int64_t elapsed = now_ns() - start;
    if (reaped != pid) {
        snprintf(msg, msglen, "waitpid %d: %s", (int)pid, strerror(errno));
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) == EXEC_FAILED) {
        snprintf(msg, msglen, "%s %s: child ended with wait status 0x%x (exit 127 means exec failed)",
                 method, target, (unsigned)status);
        return -1;
    }
    return elapsed;
}

static int unreaped_children(void) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    /* WNOWAIT leaves any zombie in place: this only looks. ECHILD means no child at all. */
    if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) < 0) return errno == ECHILD ? 0 : -1;
    return 1;
}

static void serve(FILE *in, FILE *out) {
    char line[4096], method[32], target[4000], msg[4200];
    static int64_t samples[MAX_COUNT];
    while (fgets(line, sizeof line, in) != NULL) {
        int count;
        if (strcmp(line, "children\n") == 0) {
            fprintf(out, "children %d\n", unreaped_children());
        } else if (sscanf(line, "%31s %d %3999[^\n]", method, &count, target) == 3 && count > 0 && count <= MAX_COUNT) {
            int failed = 0;
            for (int i = 0; i < count && !failed; i++) {
                samples[i] = spawn_once(method, target, msg, sizeof msg);
                failed = samples[i] < 0;
            }
            if (failed) {
                fprintf(out, "error %s\n", msg);
            } else {
                fputs("ok", out);
                for (int i = 0; i < count; i++) fprintf(out, " %lld", (long long)samples[i]);
                fputc('\n', out);
            }
        } else {
            fprintf(out, "error bad command: %s", line);
        }
        fflush(out);
    }
}

int main(int argc, char **argv) {
    const char *socket_path = NULL;
    size_t rss = 0;
    int thp = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) socket_path = argv[++i];
        else if (strcmp(argv[i], "--rss") == 0 && i + 1 < argc) rss = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--thp") == 0) thp = 1;
        else if (strcmp(argv[i], "--version") == 0) {
            printf("spawnref glibc %s\n", gnu_get_libc_version());
            return 0;
        } else {
            fprintf(stderr, "usage: spawnref --socket PATH --rss BYTES [--thp]\n");
            return 2;
        }
    }
    if (socket_path == NULL) {
        fprintf(stderr, "spawnref: --socket is required\n");
        return 2;
    }
    grow_parent(rss, thp);

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket");
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof addr.sun_path) {
        fprintf(stderr, "spawnref: socket path too long\n");
        return 2;
    }
    strcpy(addr.sun_path, socket_path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) die("connect");
    FILE *in = fdopen(fd, "r");
    FILE *out = fdopen(fcntl(fd, F_DUPFD_CLOEXEC, 3), "w");
    if (in == NULL || out == NULL) die("fdopen");
    fprintf(out, "ready pid=%d glibc=%s\n", (int)getpid(), gnu_get_libc_version());
    fflush(out);
    serve(in, out);
    return 0;
}
