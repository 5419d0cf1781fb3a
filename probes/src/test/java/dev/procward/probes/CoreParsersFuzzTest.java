package dev.procward.probes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.procward.probes.kernel.DiagParsersFuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fuzzes every inspect-core parser: none may throw anything but {@link ProcParseException}, and the
 * classifiers that take any text (fd targets, passwd) may not throw at all. Input format as in
 * {@link DiagParsersFuzzTest}: the first byte picks the parser; if the second byte's top bit is
 * clear the rest is the file text (the seeds in CoreParsersFuzzTestInputs/ are real /proc files),
 * else the input edits a real /proc file from the fixtures.
 *
 * <p>A normal test run replays the seeds; the probes pom runs it again with JAZZER_FUZZ=1 for a
 * bounded fuzzing run.
 */
class CoreParsersFuzzTest {
    /** Selector byte (mod size) to parser; the order is part of the seed format. */
    static final List<Consumer<String>> PARSERS = List.of(
            ProcStat::parse,
            ProcStatus::parse,
            text -> Cmdline.parse(bytes(text), bytes(text).length).joined(),
            Statm::parse,
            text -> SmapsRollup.parse(text).uss(),
            text -> MemoryMap.parse(text).summary(),
            text -> Limits.parse(text).find("Max open files"),
            ProcIo::parse,
            text -> SchedStats.parse(text).policy(),
            text -> {
                byte[] b = bytes(text);
                Environ.parse(b, b.length).redacted().toBytes();
            },
            Uptime::parse,
            KernelStat::parse,
            text -> Meminfo.parse(text).memTotalKb(),
            Namespaces::parseLink,
            text -> FdEntry.of(3, text),
            text -> IdNames.parse(text).name(0));

    /** Real files per parser (same order as {@link #PARSERS}), the bases for edit-mode inputs. */
    static final List<List<String>> BASES = List.of(
            List.of("sleeper/stat", "zombie/stat", "kthread/stat"),
            List.of("sleeper/status", "zombie/status", "kthread/status"),
            List.of("sleeper/cmdline"),
            List.of("sleeper/statm"),
            List.of("sleeper/smaps_rollup", "sleeper/smaps"),
            List.of("sleeper/smaps", "sleeper/maps"),
            List.of("sleeper/limits"),
            List.of("sleeper/io"),
            List.of("sleeper/sched"),
            List.of("sleeper/environ"),
            List.of("global/uptime"),
            List.of("global/stat"),
            List.of("global/meminfo"),
            List.of("global/nslink"),
            List.of("global/fdlink"),
            List.of("global/passwd"));

    /** Parsers at these positions must not throw even their parse exception. */
    private static final int FIRST_TOTAL = 14;

    private static final Map<String, String> BASE_TEXT = new ConcurrentHashMap<>();

    @FuzzTest(maxDuration = "30s")
    void everyParserThrowsOnlyItsParseException(byte[] input) {
        if (input.length == 0) return;
        int which = (input[0] & 0xff) % PARSERS.size();
        String text;
        if (input.length > 1 && (input[1] & 0x80) != 0) {
            List<String> bases = BASES.get(which);
            String base = BASE_TEXT.computeIfAbsent(bases.get((input[1] & 0x7f) % bases.size()), Fixtures::text);
            text = DiagParsersFuzzTest.edit(base, input, 2);
        } else {
            text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        }
        try {
            PARSERS.get(which).accept(text);
        } catch (ProcParseException e) {
            if (which >= FIRST_TOTAL) throw new AssertionError("total parser " + which + " threw", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
