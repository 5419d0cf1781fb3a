/* A real D-state thread: the vfork parent sleeps uninterruptibly (killable) until the child exits,
   and the child exits once its stdin closes. With the argument "thread", a second thread makes the
   vfork, so the D thread is not the group leader (which waits in S, in pthread_join). */
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static void *vfork_and_wait(void *unused) {
    (void)unused;
    pid_t child = vfork();
    if (child == 0) {
        char c;
        while (read(0, &c, 1) > 0) { }
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "thread") == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, vfork_and_wait, NULL) != 0) return 1;
        pthread_join(t, NULL);
    } else {
        vfork_and_wait(NULL);
    }
    return 0;
}
