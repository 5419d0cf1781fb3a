package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every size, offset and constant the bindings hard-code, compared with what the machine's C
 * compiler says (layout.c). Runs on whichever architecture the suite runs on.
 */
class StructLayoutTest {

    /** What the Java side assumes, keyed as layout.c prints it. */
    static Map<String, Long> javaFacts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("posix_spawnattr_t", Spawn.SPAWNATTR_BYTES);
        m.put("posix_spawn_file_actions_t", Spawn.FILE_ACTIONS_BYTES);
        m.put("sigset_t", SignalSet.GLIBC_BYTES);
        m.put("kernel_sigset", SignalSet.KERNEL_BYTES);
        m.put("struct sched_param", 4L);
        m.put("siginfo_t", Wait.SIGINFO_BYTES);
        m.put("siginfo_t.si_signo", Wait.SI_SIGNO);
        m.put("siginfo_t.si_code", Wait.SI_CODE);
        m.put("siginfo_t.si_pid", Wait.SI_PID);
        m.put("siginfo_t.si_uid", Wait.SI_UID);
        m.put("siginfo_t.si_status", Wait.SI_STATUS);
        m.put("struct signalfd_siginfo", SignalInfo.BYTES);
        m.put("signalfd_siginfo.ssi_signo", SignalInfo.SSI_SIGNO);
        m.put("signalfd_siginfo.ssi_code", SignalInfo.SSI_CODE);
        m.put("signalfd_siginfo.ssi_pid", SignalInfo.SSI_PID);
        m.put("signalfd_siginfo.ssi_uid", SignalInfo.SSI_UID);
        m.put("signalfd_siginfo.ssi_status", SignalInfo.SSI_STATUS);
        m.put("signalfd_siginfo.ssi_int", SignalInfo.SSI_INT);
        m.put("signalfd_siginfo.ssi_utime", SignalInfo.SSI_UTIME);
        m.put("signalfd_siginfo.ssi_stime", SignalInfo.SSI_STIME);
        m.put("struct sigaction", Signals.SIGACTION_BYTES);
        m.put("sigaction.sa_handler", Signals.SA_HANDLER);
        m.put("sigaction.sa_mask", Signals.SA_MASK);
        m.put("sigaction.sa_flags", Signals.SA_FLAGS);
        m.put("struct sched_attr", Scheduling.SCHED_ATTR_BYTES);
        m.put("sched_attr.size", Scheduling.SA_SIZE);
        m.put("sched_attr.sched_policy", Scheduling.SA_POLICY);
        m.put("sched_attr.sched_flags", Scheduling.SA_FLAGS);
        m.put("sched_attr.sched_nice", Scheduling.SA_NICE);
        m.put("sched_attr.sched_priority", Scheduling.SA_PRIORITY);
        m.put("sched_attr.sched_runtime", Scheduling.SA_RUNTIME);
        m.put("sched_attr.sched_deadline", Scheduling.SA_DEADLINE);
        m.put("sched_attr.sched_period", Scheduling.SA_PERIOD);
        m.put("sched_attr.sched_util_min", Scheduling.SCHED_ATTR_VER0);
        m.put("struct rlimit", Limits.RLIMIT_BYTES);
        m.put("rlimit.rlim_max", 8L);
        m.put("struct pollfd", Fds.POLLFD_BYTES);
        m.put("pollfd.events", Fds.POLLFD_EVENTS);
        m.put("pollfd.revents", Fds.POLLFD_REVENTS);
        m.put("struct timespec", Fds.TIMESPEC_BYTES);

        m.put("POSIX_SPAWN_RESETIDS", (long) Spawn.POSIX_SPAWN_RESETIDS);
        m.put("POSIX_SPAWN_SETPGROUP", (long) Spawn.POSIX_SPAWN_SETPGROUP);
        m.put("POSIX_SPAWN_SETSIGDEF", (long) Spawn.POSIX_SPAWN_SETSIGDEF);
        m.put("POSIX_SPAWN_SETSIGMASK", (long) Spawn.POSIX_SPAWN_SETSIGMASK);
        m.put("POSIX_SPAWN_SETSCHEDPARAM", (long) Spawn.POSIX_SPAWN_SETSCHEDPARAM);
        m.put("POSIX_SPAWN_SETSCHEDULER", (long) Spawn.POSIX_SPAWN_SETSCHEDULER);
        m.put("POSIX_SPAWN_SETSID", (long) Spawn.POSIX_SPAWN_SETSID);
        m.put("WNOHANG", (long) Wait.WNOHANG);
        m.put("WUNTRACED", (long) Wait.WUNTRACED);
        m.put("WSTOPPED", (long) Wait.WSTOPPED);
        m.put("WEXITED", (long) Wait.WEXITED);
        m.put("WCONTINUED", (long) Wait.WCONTINUED);
        m.put("WNOWAIT", (long) Wait.WNOWAIT);
        m.put("P_ALL", (long) Wait.IdType.ALL.value);
        m.put("P_PID", (long) Wait.IdType.PID.value);
        m.put("P_PGID", (long) Wait.IdType.PGID.value);
        m.put("P_PIDFD", (long) Wait.IdType.PIDFD.value);
        m.put("SFD_NONBLOCK", (long) SignalFd.SFD_NONBLOCK);
        m.put("SFD_CLOEXEC", (long) SignalFd.SFD_CLOEXEC);
        m.put("PR_SET_PDEATHSIG", (long) Prctl.PR_SET_PDEATHSIG);
        m.put("PR_GET_PDEATHSIG", (long) Prctl.PR_GET_PDEATHSIG);
        m.put("PR_SET_NAME", (long) Prctl.PR_SET_NAME);
        m.put("PR_GET_NAME", (long) Prctl.PR_GET_NAME);
        m.put("PR_SET_CHILD_SUBREAPER", (long) Prctl.PR_SET_CHILD_SUBREAPER);
        m.put("PR_GET_CHILD_SUBREAPER", (long) Prctl.PR_GET_CHILD_SUBREAPER);
        m.put("CLONE_VM", (long) ProcessFloor.CLONE_VM);
        m.put("CLONE_VFORK", (long) ProcessFloor.CLONE_VFORK);
        m.put("CLONE_NEWPID", (long) Namespaces.CLONE_NEWPID);
        m.put("CLONE_NEWNS", (long) Namespaces.CLONE_NEWNS);
        m.put("CLONE_NEWUSER", (long) Namespaces.CLONE_NEWUSER);
        m.put("CLONE_NEWNET", (long) Namespaces.CLONE_NEWNET);
        m.put("CLONE_NEWUTS", (long) Namespaces.CLONE_NEWUTS);
        m.put("CLONE_NEWIPC", (long) Namespaces.CLONE_NEWIPC);
        m.put("CLONE_NEWCGROUP", (long) Namespaces.CLONE_NEWCGROUP);
        m.put("CLONE_NEWTIME", (long) Namespaces.CLONE_NEWTIME);
        for (Scheduling.Policy p : Scheduling.Policy.values()) {
            m.put("SCHED_" + p.name(), (long) p.value());
        }
        m.put("RLIMIT_NOFILE", (long) Limits.Resource.NOFILE.value);
        m.put("RLIMIT_NPROC", (long) Limits.Resource.NPROC.value);
        m.put("RLIMIT_CORE", (long) Limits.Resource.CORE.value);
        m.put("RLIMIT_RTTIME", (long) Limits.Resource.RTTIME.value);
        m.put("RLIM_INFINITY", Limits.INFINITY);
        m.put("PRIO_PROCESS", (long) Scheduling.Which.PROCESS.value);
        m.put("PRIO_PGRP", (long) Scheduling.Which.PROCESS_GROUP.value);
        m.put("PRIO_USER", (long) Scheduling.Which.USER.value);
        m.put("F_GETFD", (long) Fds.F_GETFD);
        m.put("F_SETFD", (long) Fds.F_SETFD);
        m.put("FD_CLOEXEC", (long) Fds.FD_CLOEXEC);
        m.put("O_CLOEXEC", (long) Fds.O_CLOEXEC);
        m.put("O_NONBLOCK", (long) SignalFd.SFD_NONBLOCK);
        m.put("TIOCGPGRP", Processes.TIOCGPGRP);
        m.put("TIOCSPGRP", Processes.TIOCSPGRP);
        m.put("POLLIN", (long) Fds.POLLIN);
        m.put("POLLHUP", (long) Fds.POLLHUP);
        m.put("POLLNVAL", (long) Fds.POLLNVAL);
        m.put("_SC_CLK_TCK", (long) SysConf.SC_CLK_TCK);
        m.put("_SC_PAGESIZE", (long) SysConf.SC_PAGESIZE);
        for (Signals.How h : Signals.How.values()) m.put("SIG_" + h.name(), (long) h.value);
        m.put("SIGRTMIN", (long) Signal.RTMIN);
        m.put("SIGRTMAX", (long) Signal.RTMAX);
        m.put("SIGCHLD", (long) Signal.SIGCHLD.number());
        m.put("SIGSTKFLT", (long) Signal.SIGSTKFLT.number());
        m.put("SIGPWR", (long) Signal.SIGPWR.number());
        m.put("SIGSYS", (long) Signal.SIGSYS.number());
        m.put("CLD_EXITED", 1L);
        m.put("CLD_DUMPED", 3L);
        m.put("CLD_CONTINUED", 6L);
        return m;
    }

    static Path compiler() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String name : new String[] {"cc", "gcc"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    @Test
    void javaLayoutsAndConstantsMatchTheCCompiler(@TempDir Path dir) throws Exception {
        Path cc = compiler();
        if (cc == null) {
            if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI needs a C compiler (cc) for the layout check");
            Assumptions.abort("no C compiler on PATH: layouts not checked");
        }
        Path source = dir.resolve("layout.c");
        try (InputStream in = StructLayoutTest.class.getResourceAsStream("layout.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("layout");
        Children.Run compile = Children.run(out -> Spawn.command(cc.toString(), "-o", binary.toString(), source.toString())
                .dup2(out, 1).dup2(out, 2));
        assertEquals(0, compile.status() instanceof ChildStatus.Exited e ? e.code() : -1, compile.stdout());

        Children.Run run = Children.run(out -> Spawn.command(binary.toString()).dup2(out, 1));
        Map<String, Long> fromC = new TreeMap<>();
        run.stdout().lines().forEach(l -> fromC.put(l.substring(0, l.lastIndexOf(' ')), Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))));

        Map<String, Long> java = javaFacts();
        assertEquals(new TreeMap<>(java).keySet(), fromC.keySet(), "layout.c and javaFacts() must name the same facts");
        Map<String, String> mismatches = new TreeMap<>();
        java.forEach((k, v) -> {
            if (!v.equals(fromC.get(k))) mismatches.put(k, "java " + v + " vs C " + fromC.get(k));
        });
        assertTrue(mismatches.isEmpty(), "on " + Arch.current() + ": " + mismatches);
    }
}
