/* Holds THREADS sleeping threads spread over PROCS processes for at most SECONDS, then exits.
 * Usage: threads THREADS PROCS SECONDS. Prints "ready" once every thread exists. Bounded: each
 * process exits by alarm() even if the script that started it dies. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *sleeper(void *arg) {
    (void) arg;
    for (;;) pause();
    return NULL;
}

static void hold(int threads, int seconds, int ready_fd) {
    alarm(seconds);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 1; i < threads; i++) { /* the main thread is one of them */
        pthread_t t;
        if (pthread_create(&t, &attr, sleeper, NULL) != 0) { perror("pthread_create"); _exit(1); }
    }
    char c = 'r';
    if (write(ready_fd, &c, 1) != 1) _exit(1);
    for (;;) pause();
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 10000;
    int procs = argc > 2 ? atoi(argv[2]) : 10;
    int seconds = argc > 3 ? atoi(argv[3]) : 600;
    int fds[2];
    if (pipe(fds) != 0) return 1;
    for (int p = 0; p < procs; p++) {
        int share = threads / procs + (p < threads % procs ? 1 : 0);
        if (fork() == 0) { close(fds[0]); hold(share, seconds, fds[1]); }
    }
    close(fds[1]);
    char c;
    for (int p = 0; p < procs; p++) if (read(fds[0], &c, 1) != 1) { fprintf(stderr, "a holder died\n"); return 1; }
    printf("ready\n");
    fflush(stdout);
    alarm(seconds);
    while (wait(NULL) > 0) {}
    return 0;
}
