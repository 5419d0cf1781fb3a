package dev.procward.probes.kernel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.procward.probes.ProcParseException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fuzzes every kernel-file parser of the diagnostics: none may throw anything but
 * {@link ProcParseException}. Jazzer fuzzes one {@code @FuzzTest} per JVM, so this single test
 * covers all parsers: the first byte of an input picks the parser. If the second byte's top bit is
 * clear, the rest is the file text (the seeds in DiagParsersFuzzTestInputs/ are real /proc files
 * in this form). If it is set, the input edits a real /proc file from the fixtures instead: Jazzer
 * 0.24 cannot instrument Java 25 class files, so its mutations get no coverage feedback, and
 * editing near-valid files is what still reaches the parsers' deep branches.
 *
 * <p>In a normal test run this replays the seeds; the probes pom runs it once more with
 * JAZZER_FUZZ=1 for a bounded fuzzing run (maxDuration).
 */
public class DiagParsersFuzzTest {

    /** Selector byte (mod size) to parser; the order is part of the seed format. */
    static final List<Consumer<String>> PARSERS = List.of(
            Wchan::parse,
            ThreadSyscall::parse,
            KernelStack::parse,
            text -> {
                MountInfo m = MountInfo.parse(text);
                m.mountOf("/proc/self/stat");
                m.mountOf(text.isEmpty() ? "/" : "/" + text.substring(0, Math.min(text.length(), 16)));
                m.mounts().forEach(x -> { x.network(); x.fuse(); x.device(); });
            },
            text -> {
                CgroupMembership c = CgroupMembership.parse(text);
                c.unified();
                c.v1("memory");
            },
            LoadAvg::parse,
            Sysctl::parse,
            FileNr::parse,
            text -> OomKills.parse(Arrays.asList(text.split("\n"))),
            text -> FlatKeyed.parse(text, "memory.events"),
            OomScore::parseScore,
            OomScore::parseAdj,
            CgroupResources::parseLimit,
            CgroupResources::parseNumber);

    /** Real files per parser (same order as {@link #PARSERS}), the bases for edit-mode inputs. */
    static final List<List<String>> BASES = List.of(
            List.of("wchan/hrtimer_nanosleep"),
            List.of("syscall/nanosleep-x86_64", "syscall/read-x86_64", "syscall/not-in-syscall", "syscall/running"),
            List.of("stack/nanosleep", "stack/fuse-getattr"),
            List.of("mountinfo/host", "mountinfo/with-fuse-and-nfs"),
            List.of("cgroup/hybrid-v1", "cgroup/v1-systemd", "cgroup/v2"),
            List.of("loadavg/host"),
            List.of("sysctl/pid_max"),
            List.of("sysctl/file-nr"),
            List.of("kmsg/kmsg-memcg-oom", "kmsg/dmesg-memcg-oom"),
            List.of("sysctl/file-nr"),
            List.of("sysctl/pid_max"),
            List.of("sysctl/pid_max"),
            List.of("cgroupfs/v1-memory.limit_in_bytes", "cgroupfs/v2-pids.max"),
            List.of("cgroupfs/v1-memory.usage_in_bytes"));

    /** Parsers at these positions must not throw even their parse exception: they answer null for bad text. */
    private static final java.util.Set<Integer> TOTAL = java.util.Set.of(12, 13);

    private static final java.util.Map<String, String> BASE_TEXT = new java.util.concurrent.ConcurrentHashMap<>();

    /** Tokens the kernel's formats are made of: edits splice them in. */
    static final String[] TOKENS = {" ", "\n", ":", "(", ")", "-", " - ", "/", "0x", "-1", "\\040", "\\", "[<0>] ", "+0x1/0x2",
            "99999999999999999999", "0xffffffffffffffffff", "max", "oom_kill", "Killed process ", "\0", "\t", ",", ";", "[", "]"};

    @FuzzTest(maxDuration = "15s")
    void everyParserThrowsOnlyItsParseException(byte[] input) {
        if (input.length == 0) return;
        int which = (input[0] & 0xff) % PARSERS.size();
        var parser = PARSERS.get(which);
        String text;
        if (input.length > 1 && (input[1] & 0x80) != 0) {
            List<String> bases = BASES.get(which);
            text = edit(BASE_TEXT.computeIfAbsent(bases.get((input[1] & 0x7f) % bases.size()), Fixtures::text), input, 2);
        } else {
            text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        }
        try {
            parser.accept(text);
        } catch (ProcParseException e) {
            // the documented way to refuse malformed text, but for the total parsers
            if (TOTAL.contains(which)) throw new AssertionError("total parser " + which + " threw", e);
        }
    }

    /** Applies edits, three bytes each (operation, position, value), to a real file's text. */
    public static String edit(String base, byte[] ops, int from) {
        StringBuilder sb = new StringBuilder(base);
        for (int i = from; i + 2 < ops.length; i += 3) {
            int op = ops[i] & 0x3;
            int len = sb.length();
            int pos = len == 0 ? 0 : ((ops[i + 1] & 0xff) * 31 + (ops[i] & 0xfc)) % (len + 1);
            int v = ops[i + 2] & 0xff;
            switch (op) {
                case 0 -> { if (pos < len) sb.setCharAt(pos, (char) v); }
                case 1 -> sb.insert(pos, TOKENS[v % TOKENS.length]);
                case 2 -> { if (pos < len) sb.delete(pos, Math.min(len, pos + 1 + v % 8)); }
                default -> sb.insert(pos, (char) v);
            }
        }
        return sb.toString();
    }
}
