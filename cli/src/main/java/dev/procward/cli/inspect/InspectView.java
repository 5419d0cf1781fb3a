package dev.procward.cli.inspect;

import dev.procward.cli.render.Style;
import dev.procward.cli.render.Table;
import dev.procward.probes.Capabilities;
import dev.procward.probes.Environ;
import dev.procward.probes.FdEntry;
import dev.procward.probes.Gap;
import dev.procward.probes.Limits;
import dev.procward.probes.MemoryMap;
import dev.procward.probes.inspect.ProcessReport;
import dev.procward.probes.kernel.CgroupMembership;
import dev.procward.probes.kernel.CgroupResources;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link ProcessReport} as sections of aligned text. */
public final class InspectView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PrintWriter out;
    private final Style style;

    public InspectView(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    public void print(ProcessReport r) {
        identity(r.identity());
        state(r.state());
        if (r.credentials() != null) credentials(r.credentials());
        else gap("credentials", r, "status");
        if (r.capabilities() != null) capabilities(r.capabilities());
        if (r.signals() != null) signals(r.signals());
        memory(r);
        threads(r.threads());
        fds(r);
        heading("paths");
        kv("cwd", orGap(r.paths().cwd(), r, "cwd"));
        kv("exe", orGap(r.paths().exe(), r, "exe"));
        kv("root", orGap(r.paths().root(), r, "root"));
        namespaces(r);
        cgroup(r);
        limits(r);
        heading("oom");
        kv("oom_score", r.oom().score() == null ? gapText(r, "oom_score") : r.oom().score().toString());
        kv("oom_score_adj", r.oom().scoreAdj() == null ? gapText(r, "oom_score_adj") : r.oom().scoreAdj().toString());
        scheduling(r.scheduling());
        io(r);
        if (r.maps() != null) maps(r.maps());
        environ(r);
        if (!r.gaps().isEmpty()) {
            heading("gaps");
            for (Gap g : r.gaps()) out.println("  " + style.yellow(g.toString()));
        }
        out.flush();
    }

    private void identity(ProcessReport.Identity id) {
        heading("identity");
        kv("pid", id.pid() + "   ppid " + id.ppid() + "   pgid " + id.pgid() + "   sid " + id.sid()
                + "   tpgid " + id.tpgid() + "   tty " + id.tty() + "   tgid " + id.tgid());
        if (id.nsPid().size() > 1) kv("nspid", join(id.nsPid().stream().map(String::valueOf).toList(), " → ")
                + "   (pid in each nested PID namespace, outermost first)");
        kv("comm", id.comm() + (id.kernelThread() ? "   (kernel thread)" : ""));
        kv("cmdline", id.cmdline().isEmpty() ? "[" + id.comm() + "]" : String.join(" ", id.cmdline()));
        kv("started", TIME.format(Instant.ofEpochMilli(id.startedAtMillis()).atZone(ZoneId.systemDefault()))
                + "   (" + age(id.ageSeconds()) + " ago)");
    }

    private void state(ProcessReport.State s) {
        heading("state");
        String st = s.code() + " " + s.description();
        kv("state", s.code() == 'Z' ? style.red(st) : s.code() == 'D' ? style.yellow(st) : st);
        kv("wchan", s.wchan() == null ? "-" : s.wchan());
        if (s.tracerPid() != 0) kv("traced by", Integer.toString(s.tracerPid()));
    }

    private void credentials(ProcessReport.Credentials c) {
        heading("credentials");
        kv("uid", ids(c.uid()));
        kv("gid", ids(c.gid()));
        kv("groups", c.groups().isEmpty() ? "-" : join(c.groups().stream().map(g -> g.name() + "(" + g.gid() + ")").toList(), " "));
    }

    private static String ids(ProcessReport.Ids i) {
        return "real " + named(i.real()) + "  effective " + named(i.effective()) + "  saved " + named(i.saved())
                + "  fs " + named(i.fs());
    }

    private static String named(ProcessReport.Named n) {
        return n.name().equals(Integer.toString(n.id())) ? n.name() : n.name() + "(" + n.id() + ")";
    }

    private void capabilities(ProcessReport.CapabilitySets c) {
        heading("capabilities");
        kv("effective", capabilitySet(c.effective()));
        kv("permitted", c.permitted().equals(c.effective()) ? "= effective" : capabilitySet(c.permitted()));
        kv("inheritable", names(c.inheritable()));
        kv("bounding", capabilitySet(c.bounding()));
        kv("ambient", names(c.ambient()));
        kv("no_new_privs", c.noNewPrivs() ? "yes" : "no");
        kv("seccomp", switch (c.seccomp()) { case 0 -> "off"; case 1 -> "strict"; case 2 -> "filter"; default -> "mode " + c.seccomp(); });
    }

    /**
     * "all (41)" only for a set holding every capability the model knows; a set lacking a few (a
     * container's bounding set without CAP_SYS_RESOURCE) names what it lacks, since that is what
     * matters; any other set is listed.
     */
    private static String capabilitySet(List<String> caps) {
        List<String> missing = Capabilities.missing(caps);
        if (missing.isEmpty()) return "all (" + caps.size() + ")";
        int known = Capabilities.known();
        if (missing.size() * 4 > known) return names(caps);
        return "all except " + names(missing) + "   (" + (known - missing.size()) + " of " + known + ")";
    }

    private void signals(ProcessReport.SignalDisposition s) {
        heading("signals");
        kv("pending", names(s.pending()));
        kv("blocked", names(s.blocked()));
        kv("ignored", names(s.ignored()));
        kv("caught", names(s.caught()));
    }

    private void memory(ProcessReport r) {
        heading("memory");
        ProcessReport.Memory m = r.memory();
        if (m == null) {
            kv("memory", gapText(r, "status"));
            return;
        }
        if (m.vmRss() < 0) {
            kv("rss", "- (no address space: kernel thread or zombie)");
        } else {
            kv("rss", kb(m.vmRss()) + " = anon " + kb(m.rssAnon()) + " + file " + kb(m.rssFile()) + " + shmem " + kb(m.rssShmem()));
            kv("virtual", kb(m.vmSize()) + (m.vmLocked() > 0 ? "   locked " + kb(m.vmLocked()) : ""));
        }
        if (m.pss() != null) {
            kv("pss", kb(m.pss()) + "   uss " + kb(m.uss()) + "   swap " + kb(m.swap()) + "   swap pss " + kb(m.swapPss())
                    + "   (from " + m.source() + ")");
        } else {
            kv("pss", gapText(r, "smaps_rollup"));
        }
    }

    private void threads(List<ProcessReport.ThreadInfo> threads) {
        heading("threads (" + threads.size() + ")");
        var t = new Table(List.of(Table.Column.right("TID"), Table.Column.left("S"), Table.Column.left("WCHAN"),
                Table.Column.left("SYSCALL"), Table.Column.left("NAME")));
        for (var th : threads) {
            t.row(Integer.toString(th.tid()), String.valueOf(th.state()),
                    th.wchan() == null ? gapText(th.gaps(), "wchan") : th.wchan(),
                    th.syscall() == null ? gapText(th.gaps(), "syscall") : th.syscall(), th.comm());
        }
        indent(t);
    }

    private void fds(ProcessReport r) {
        heading("fds" + (r.fds().isEmpty() ? "" : " (" + r.fds().size() + ")"));
        // A gap with entries: the directory was listed but some links could not be read.
        boolean gap = hasGap(r, "fd");
        if (gap) kv("fd", gapText(r, "fd") + (r.fds().isEmpty() ? "" : "   (some descriptors not shown)"));
        if (gap && r.fds().isEmpty()) return;
        var t = new Table(List.of(Table.Column.right("FD"), Table.Column.left("TYPE"), Table.Column.left("TARGET")));
        for (FdEntry f : r.fds()) {
            String type = f.type().name().toLowerCase(Locale.ROOT).replace("directory_or_device", "device");
            if (!f.detail().isEmpty()) type += ":" + f.detail();
            t.row(Integer.toString(f.fd()), type, f.target());
        }
        indent(t);
    }

    private void namespaces(ProcessReport r) {
        heading("namespaces");
        if (r.namespaces() == null) {
            kv("ns", gapText(r, "ns"));
            return;
        }
        for (var n : r.namespaces()) {
            String mark = n.differsFromInit() == null ? "   (PID 1's unreadable)"
                    : n.differsFromInit() ? "   " + style.bold("differs from PID 1") : "";
            kv(n.type(), n.type() + ":[" + n.inode() + "]" + mark);
        }
    }

    private void cgroup(ProcessReport r) {
        heading("cgroup");
        if (r.cgroup() == null) {
            kv("cgroup", gapText(r, "cgroup"));
            return;
        }
        for (var e : r.cgroup().membership().entries()) {
            kv(e.unified() ? "v2" : String.join(",", e.controllers()), e.path());
        }
        CgroupResources.Usage u = r.cgroup().usage();
        kv("version", u.version());
        kv("memory", counter(u.memory(), true, r.cgroup().membership(), "memory"));
        kv("pids", counter(u.pids(), false, r.cgroup().membership(), "pids"));
        if (u.oomKills() != null) kv("oom kills", u.oomKills().toString());
    }

    private static String counter(CgroupResources.Counter c, boolean bytes, CgroupMembership membership, String controller) {
        if (c == null) {
            return membership.atRootOf(controller)
                    ? "- (in the root cgroup of the " + controller + " hierarchy, which keeps no counter)"
                    : "- (controller not available)";
        }
        String cur = bytes ? kb(c.current() / 1024) : Long.toString(c.current());
        if (c.max() == null) return cur + " of unlimited";
        String max = bytes ? kb(c.max() / 1024) : Long.toString(c.max());
        return cur + " of " + max + String.format(Locale.ROOT, " (%.0f%%) in %s", c.fraction() * 100, c.cgroup());
    }

    private void limits(ProcessReport r) {
        heading("rlimits");
        if (r.limits() == null) {
            kv("limits", gapText(r, "limits"));
            return;
        }
        var t = new Table(List.of(Table.Column.left("LIMIT"), Table.Column.right("SOFT"), Table.Column.right("HARD"),
                Table.Column.left("UNITS")));
        for (Limits.Limit l : r.limits().limits()) {
            t.row(l.name(), l.soft() == null ? "unlimited" : l.soft().toString(),
                    l.hard() == null ? "unlimited" : l.hard().toString(), l.units());
        }
        indent(t);
    }

    private void scheduling(ProcessReport.Scheduling s) {
        heading("scheduling");
        kv("policy", s.policy() + (s.rtPriority() > 0 ? "   rt priority " + s.rtPriority() : ""));
        kv("priority", s.priority() + "   nice " + s.nice() + "   last cpu " + s.processor());
        String sw = s.stats().get("nr_switches");
        if (sw != null) {
            kv("switches", sw + "   voluntary " + s.stats().getOrDefault("nr_voluntary_switches", "?")
                    + "   involuntary " + s.stats().getOrDefault("nr_involuntary_switches", "?"));
        }
    }

    private void io(ProcessReport r) {
        heading("io");
        if (r.io() == null) {
            kv("io", gapText(r, "io"));
            return;
        }
        var io = r.io();
        kv("read", bytes(io.rchar()) + " in " + io.syscr() + " calls   from storage " + bytes(io.readBytes()));
        kv("written", bytes(io.wchar()) + " in " + io.syscw() + " calls   to storage " + bytes(io.writeBytes())
                + "   cancelled " + bytes(io.cancelledWriteBytes()));
    }

    private void maps(MemoryMap m) {
        heading("memory map (" + m.vmas().size() + " mappings" + (m.detailed() ? "" : ", sizes need smaps") + ")");
        var t = new Table(List.of(Table.Column.left("ADDRESS"), Table.Column.right("KBYTES"), Table.Column.right("RSS"),
                Table.Column.right("PSS"), Table.Column.left("MODE"), Table.Column.left("MAPPING")));
        for (MemoryMap.Vma v : m.vmas()) {
            t.row(String.format("%016x-%016x", v.start(), v.end()), Long.toString(v.sizeKb()), num(v.rssKb()), num(v.pssKb()),
                    v.perms(), v.path().isEmpty() ? "[ anon ]" : v.path());
        }
        indent(t);
        out.println();
        var s = new Table(List.of(Table.Column.left("CATEGORY"), Table.Column.right("MAPPINGS"), Table.Column.right("KBYTES"),
                Table.Column.right("RSS"), Table.Column.right("PSS"), Table.Column.right("PRIVATE"), Table.Column.right("SWAP")));
        long size = 0, rss = 0, pss = 0;
        for (Map.Entry<MemoryMap.Category, MemoryMap.Total> e : m.summary().entrySet()) {
            var x = e.getValue();
            s.row(e.getKey().name().toLowerCase(Locale.ROOT), Integer.toString(x.count()), Long.toString(x.sizeKb()),
                    Long.toString(x.rssKb()), Long.toString(x.pssKb()), Long.toString(x.privateKb()), Long.toString(x.swapKb()));
            size += x.sizeKb();
            rss += x.rssKb();
            pss += x.pssKb();
        }
        s.row("total", Integer.toString(m.vmas().size()), Long.toString(size), Long.toString(rss), Long.toString(pss), "", "");
        indent(s);
    }

    private void environ(ProcessReport r) {
        heading("environ");
        if (r.environ() == null) {
            kv("environ", gapText(r, "environ"));
            return;
        }
        for (Environ.Entry e : r.environ().entries()) {
            String v = e.value().equals(Environ.REDACTED) ? style.dim(e.value()) : e.value();
            out.println("  " + (e.name().isEmpty() ? v : e.name() + "=" + v));
        }
    }

    private void gap(String section, ProcessReport r, String source) {
        heading(section);
        kv(section, gapText(r, source));
    }

    private static boolean hasGap(ProcessReport r, String source) {
        return r.gaps().stream().anyMatch(g -> g.source().equals(source));
    }

    private String gapText(ProcessReport r, String source) {
        return gapText(r.gaps(), source);
    }

    /** The marked text for the gap on {@code source}: "- (permission denied)" in yellow; "-" when none. */
    private String gapText(List<Gap> gaps, String source) {
        for (Gap g : gaps) {
            if (g.source().equals(source)) return style.yellow("- (" + g.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
        }
        return "-";
    }

    private String orGap(String v, ProcessReport r, String source) {
        return v != null ? v : gapText(r, source);
    }

    private void heading(String h) {
        out.println();
        out.println(style.bold(h));
    }

    private void kv(String k, String v) {
        out.printf("  %-13s %s%n", k, v);
    }

    private void indent(Table t) {
        var sw = new java.io.StringWriter();
        t.print(new PrintWriter(sw));
        for (String line : sw.toString().split("\n")) out.println("  " + line);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "-" : String.join(" ", names);
    }

    private static String join(List<String> parts, String sep) {
        return String.join(sep, parts);
    }

    private static String num(long v) {
        return v < 0 ? "-" : Long.toString(v);
    }

    static String kb(long kb) {
        if (kb < 0) return "-";
        if (kb >= 10L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f GiB", kb / 1048576.0);
        if (kb >= 10L * 1024) return String.format(Locale.ROOT, "%.1f MiB", kb / 1024.0);
        return kb + " kB";
    }

    private static String bytes(long b) {
        return b < 0 ? "-" : kb(b / 1024);
    }

    private static String age(double seconds) {
        long s = (long) seconds;
        if (s < 120) return s + "s";
        if (s < 7200) return (s / 60) + "m";
        if (s < 172800) return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        return (s / 86400) + "d";
    }
}
