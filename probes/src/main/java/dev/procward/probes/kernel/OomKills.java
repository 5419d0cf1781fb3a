package dev.procward.probes.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OOM kills in kernel-log lines, in either form the log is read in: {@code /dev/kmsg} records
 * ({@code PRI,SEQ,USEC,FLAGS;MESSAGE}) or dmesg lines ({@code [SECONDS] MESSAGE}). The kernel
 * writes, for each kill,
 * <pre>
 * oom-kill:constraint=CONSTRAINT_MEMCG,…,task_memcg=/x,task=stress,pid=4321,uid=0
 * Memory cgroup out of memory: Killed process 4321 (stress) total-vm:…kB, anon-rss:1047600kB, …, UID:0 pgtables:2092kB oom_score_adj:0
 * </pre>
 * ("Out of memory: Killed process …" for a host-wide OOM). Other lines are ignored, so this
 * parser never fails.
 */
public final class OomKills {
    private OomKills() {}

    /**
     * One kill. {@code secondsSinceBoot} is -1 when the line had no timestamp; {@code cgroup} is
     * the victim's memory cgroup when the kernel named it, else null.
     */
    public record OomKill(double secondsSinceBoot, int pid, String comm, long anonRssKb, Integer uid,
                          Integer oomScoreAdj, boolean cgroupLimit, String cgroup) {}

    private static final Pattern KILLED = Pattern.compile(
            "(Memory cgroup out of memory|Out of memory)[^:]*: Killed process (\\d+) \\((.*)\\)(.*)");
    private static final Pattern ANON = Pattern.compile("anon-rss:(\\d+)kB");
    private static final Pattern UID = Pattern.compile("UID:(\\d+)");
    private static final Pattern ADJ = Pattern.compile("oom_score_adj:(-?\\d+)");
    private static final Pattern MEMCG = Pattern.compile("task_memcg=([^,]*),.*\\bpid=(\\d+)");

    public static List<OomKill> parse(List<String> lines) {
        List<OomKill> kills = new ArrayList<>();
        Map<Integer, String> memcgByPid = new HashMap<>();
        for (String raw : lines) {
            if (raw.startsWith(" ")) continue; // kmsg continuation (dictionary) lines
            double ts = -1;
            String msg = raw;
            int semi = raw.indexOf(';');
            if (raw.startsWith("[")) {
                int close = raw.indexOf(']');
                if (close > 0) {
                    ts = seconds(raw.substring(1, close).strip(), 1);
                    msg = raw.substring(close + 1).strip();
                }
            } else if (semi > 0 && raw.substring(0, semi).matches("\\d+,\\d+,\\d+,[^;]*")) {
                String[] head = raw.substring(0, semi).split(",");
                ts = seconds(head[2], 1_000_000);
                msg = raw.substring(semi + 1);
            }
            Matcher memcg = MEMCG.matcher(msg);
            if (msg.startsWith("oom-kill:") && memcg.find()) {
                Integer pid = smallInt(memcg.group(2));
                if (pid != null) memcgByPid.put(pid, memcg.group(1));
                continue;
            }
            Matcher k = KILLED.matcher(msg);
            if (!k.find()) continue;
            Integer pid = smallInt(k.group(2));
            if (pid == null) continue;
            String rest = k.group(4);
            Matcher anon = ANON.matcher(rest);
            Matcher uid = UID.matcher(rest);
            Matcher adj = ADJ.matcher(rest);
            Long anonKb = anon.find() ? smallLong(anon.group(1)) : null;
            kills.add(new OomKill(ts, pid, k.group(3), anonKb == null ? 0 : anonKb,
                    uid.find() ? smallInt(uid.group(1)) : null,
                    adj.find() ? smallInt(adj.group(1)) : null,
                    k.group(1).startsWith("Memory cgroup"), memcgByPid.get(pid)));
        }
        return List.copyOf(kills);
    }

    private static double seconds(String s, double perSecond) {
        try {
            double v = Double.parseDouble(s) / perSecond;
            return Double.isFinite(v) ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Integer smallInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long smallLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
