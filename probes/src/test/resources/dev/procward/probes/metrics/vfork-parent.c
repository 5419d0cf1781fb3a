/* A real D-state thread: the vfork parent sleeps uninterruptibly (killable) until the child exits,
   and the child exits once its stdin closes. */
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    pid_t child = vfork();
    if (child == 0) {
        char c;
        while (read(0, &c, 1) > 0) { }
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    return 0;
}
