/* Prints the size, offset and constant facts the Java bindings hard-code, as "key value" lines.
 * Compiled and run by StructLayoutTest with the machine's C compiler. */
#define _GNU_SOURCE
/* The uapi header also defines struct sched_param, which glibc's <sched.h> defines again. */
#define sched_param linux_uapi_sched_param
#include <linux/sched/types.h>
#undef sched_param
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SIZE(key, type) printf("%s %zu\n", key, sizeof(type))
#define OFF(key, type, field) printf("%s %zu\n", key, offsetof(type, field))
#define CONST(name) printf("%s %lld\n", #name, (long long)(name))

int main(void) {
    SIZE("posix_spawnattr_t", posix_spawnattr_t);
    SIZE("posix_spawn_file_actions_t", posix_spawn_file_actions_t);
    SIZE("sigset_t", sigset_t);
    printf("kernel_sigset %d\n", _NSIG / 8);
    SIZE("struct sched_param", struct sched_param);

    SIZE("siginfo_t", siginfo_t);
    OFF("siginfo_t.si_signo", siginfo_t, si_signo);
    OFF("siginfo_t.si_code", siginfo_t, si_code);
    OFF("siginfo_t.si_pid", siginfo_t, si_pid);
    OFF("siginfo_t.si_uid", siginfo_t, si_uid);
    OFF("siginfo_t.si_status", siginfo_t, si_status);

    SIZE("struct signalfd_siginfo", struct signalfd_siginfo);
    OFF("signalfd_siginfo.ssi_signo", struct signalfd_siginfo, ssi_signo);
    OFF("signalfd_siginfo.ssi_code", struct signalfd_siginfo, ssi_code);
    OFF("signalfd_siginfo.ssi_pid", struct signalfd_siginfo, ssi_pid);
    OFF("signalfd_siginfo.ssi_uid", struct signalfd_siginfo, ssi_uid);
    OFF("signalfd_siginfo.ssi_status", struct signalfd_siginfo, ssi_status);
    OFF("signalfd_siginfo.ssi_int", struct signalfd_siginfo, ssi_int);
    OFF("signalfd_siginfo.ssi_utime", struct signalfd_siginfo, ssi_utime);
    OFF("signalfd_siginfo.ssi_stime", struct signalfd_siginfo, ssi_stime);

    SIZE("struct sigaction", struct sigaction);
    OFF("sigaction.sa_handler", struct sigaction, sa_handler);
    OFF("sigaction.sa_mask", struct sigaction, sa_mask);
    OFF("sigaction.sa_flags", struct sigaction, sa_flags);

    SIZE("struct sched_attr", struct sched_attr);
    OFF("sched_attr.size", struct sched_attr, size);
    OFF("sched_attr.sched_policy", struct sched_attr, sched_policy);
    OFF("sched_attr.sched_flags", struct sched_attr, sched_flags);
    OFF("sched_attr.sched_nice", struct sched_attr, sched_nice);
    OFF("sched_attr.sched_priority", struct sched_attr, sched_priority);
    OFF("sched_attr.sched_runtime", struct sched_attr, sched_runtime);
    OFF("sched_attr.sched_deadline", struct sched_attr, sched_deadline);
    OFF("sched_attr.sched_period", struct sched_attr, sched_period);
    OFF("sched_attr.sched_util_min", struct sched_attr, sched_util_min);

    SIZE("struct rlimit", struct rlimit);
    OFF("rlimit.rlim_max", struct rlimit, rlim_max);
    SIZE("struct pollfd", struct pollfd);
    OFF("pollfd.events", struct pollfd, events);
    OFF("pollfd.revents", struct pollfd, revents);
    SIZE("struct timespec", struct timespec);

    CONST(POSIX_SPAWN_RESETIDS);
    CONST(POSIX_SPAWN_SETPGROUP);
    CONST(POSIX_SPAWN_SETSIGDEF);
    CONST(POSIX_SPAWN_SETSIGMASK);
    CONST(POSIX_SPAWN_SETSCHEDPARAM);
    CONST(POSIX_SPAWN_SETSCHEDULER);
    CONST(POSIX_SPAWN_SETSID);
    CONST(WNOHANG);
    CONST(WUNTRACED);
    CONST(WSTOPPED);
    CONST(WEXITED);
    CONST(WCONTINUED);
    CONST(WNOWAIT);
    CONST(P_ALL);
    CONST(P_PID);
    CONST(P_PGID);
    CONST(P_PIDFD);
    CONST(SFD_NONBLOCK);
    CONST(SFD_CLOEXEC);
    CONST(PR_SET_PDEATHSIG);
    CONST(PR_GET_PDEATHSIG);
    CONST(PR_SET_NAME);
    CONST(PR_GET_NAME);
    CONST(PR_SET_CHILD_SUBREAPER);
    CONST(PR_GET_CHILD_SUBREAPER);
    CONST(CLONE_VM);
    CONST(CLONE_VFORK);
    CONST(CLONE_NEWPID);
    CONST(CLONE_NEWNS);
    CONST(CLONE_NEWUSER);
    CONST(CLONE_NEWNET);
    CONST(CLONE_NEWUTS);
    CONST(CLONE_NEWIPC);
    CONST(CLONE_NEWCGROUP);
    CONST(CLONE_NEWTIME);
    CONST(SCHED_OTHER);
    CONST(SCHED_FIFO);
    CONST(SCHED_RR);
    CONST(SCHED_BATCH);
    CONST(SCHED_IDLE);
    CONST(SCHED_DEADLINE);
    CONST(RLIMIT_NOFILE);
    CONST(RLIMIT_NPROC);
    CONST(RLIMIT_CORE);
    CONST(RLIMIT_RTTIME);
    CONST(RLIM_INFINITY);
    CONST(PRIO_PROCESS);
    CONST(PRIO_PGRP);
    CONST(PRIO_USER);
    CONST(F_GETFD);
    CONST(F_SETFD);
    CONST(FD_CLOEXEC);
    CONST(O_CLOEXEC);
    CONST(O_NONBLOCK);
    CONST(TIOCGPGRP);
    CONST(TIOCSPGRP);
    CONST(POLLIN);
    CONST(POLLHUP);
    CONST(POLLNVAL);
    CONST(_SC_CLK_TCK);
    CONST(_SC_PAGESIZE);
    CONST(SIG_BLOCK);
    CONST(SIG_UNBLOCK);
    CONST(SIG_SETMASK);
    printf("SIGRTMIN %d\n", SIGRTMIN);
    printf("SIGRTMAX %d\n", SIGRTMAX);
    CONST(SIGCHLD);
    CONST(SIGSTKFLT);
    CONST(SIGPWR);
    CONST(SIGSYS);
    CONST(CLD_EXITED);
    CONST(CLD_DUMPED);
    CONST(CLD_CONTINUED);
    return 0;
}
