/* A process of ARGV[1] threads that sleep, for at most ARGV[2] seconds (default 600; alarm()
 * ends it even if the test that started it dies). Prints "ready" once every thread exists. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *sleeper(void *arg) {
    (void) arg;
    for (;;) pause();
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    alarm(argc > 2 ? atoi(argv[2]) : 600);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 1; i < threads; i++) { /* the main thread is one of them */
        pthread_t t;
        if (pthread_create(&t, &attr, sleeper, NULL) != 0) { perror("pthread_create"); return 1; }
    }
    puts("ready");
    fflush(stdout);
    for (;;) pause();
}
