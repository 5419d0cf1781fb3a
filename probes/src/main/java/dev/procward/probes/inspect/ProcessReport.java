package dev.procward.probes.inspect;

import dev.procward.probes.Environ;
import dev.procward.probes.FdEntry;
import dev.procward.probes.Gap;
import dev.procward.probes.Limits;
import dev.procward.probes.MemoryMap;
import dev.procward.probes.ProcIo;
import dev.procward.probes.kernel.CgroupMembership;
import dev.procward.probes.kernel.CgroupResources;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code procward inspect} knows about one process, by section. A section that could
 * not be read is null and its reason is in {@link #gaps()}; a report is always complete in shape.
 */
public record ProcessReport(Identity identity, State state, Credentials credentials, CapabilitySets capabilities,
                            SignalDisposition signals, Memory memory, List<ThreadInfo> threads, List<FdEntry> fds,
                            Paths paths, List<Namespace> namespaces, Cgroup cgroup, Limits limits, Oom oom,
                            Scheduling scheduling, ProcIo io, MemoryMap maps, Environ environ, List<Gap> gaps) {

    public record Identity(int pid, int ppid, int pgid, int sid, int tpgid, String tty, int tgid, List<Integer> nsPid,
                           String comm, List<String> cmdline, long startedAtMillis, double ageSeconds, boolean kernelThread) {}

    public record State(char code, String description, String wchan, int tracerPid) {}

    public record Credentials(Ids uid, Ids gid, List<Group> groups) {}

    public record Ids(Named real, Named effective, Named saved, Named fs) {}

    public record Named(int id, String name) {}

    public record Group(int gid, String name) {}

    public record CapabilitySets(List<String> inheritable, List<String> permitted, List<String> effective,
                                 List<String> bounding, List<String> ambient, boolean fullEffective, boolean noNewPrivs,
                                 int seccomp) {}

    public record SignalDisposition(List<String> pending, List<String> blocked, List<String> ignored, List<String> caught) {}

    /**
     * kB. {@code pss}, {@code uss}, {@code swapPss} are null when neither smaps_rollup nor smaps was readable.
     *
     * @param source "smaps_rollup", "smaps", or null
     */
    public record Memory(long vmSize, long vmRss, long rssAnon, long rssFile, long rssShmem, long vmSwap, long vmLocked,
                         Long pss, Long uss, Long swap, Long swapPss, String source) {}

    public record ThreadInfo(int tid, String comm, char state, String wchan, String syscall, List<Gap> gaps) {}

    public record Paths(String cwd, String exe, String root) {}

    /** @param differsFromInit true when this namespace is not PID 1's (null when PID 1's is unreadable) */
    public record Namespace(String type, long inode, Boolean differsFromInit) {}

    public record Cgroup(CgroupMembership membership, CgroupResources.Usage usage) {}

    public record Oom(Integer score, Integer scoreAdj) {}

    public record Scheduling(String policy, int rtPriority, int priority, int nice, int processor,
                             Map<String, String> stats) {}
}
