package dev.procward.probes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.procward.libc.DirentsDecoding;
import dev.procward.probes.kernel.DiagParsersFuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fuzzes every inspect-core parser: none may throw anything but {@link ProcParseException}, and the
 * classifiers that take any input (fd targets, passwd, the stat state letter, the decoding of
 * getdents64 records) may not throw at all. Input format as in {@link DiagParsersFuzzTest}: the first byte picks the parser; if the
 * second byte's top bit is clear the rest is the file (the seeds in CoreParsersFuzzTestInputs/ are
 * real /proc files), else the input edits a real /proc file from the fixtures.
 *
 * <p>Parsers that production code feeds the bytes of a read ({@code parse(byte[], int)}) get the
 * raw bytes, invalid UTF-8 and all, in a buffer longer than the length they are told (as a reused
 * read buffer is); their edits work byte by byte. The others get the text decoded as UTF-8.
 *
 * <p>A normal test run replays the seeds; the probes pom runs it again with JAZZER_FUZZ=1 for a
 * bounded fuzzing run.
 */
class CoreParsersFuzzTest {
    /** A parser under test: {@code raw} ones take bytes as read; {@code total} ones may not throw at all. */
    record Target(Consumer<byte[]> parser, boolean raw, boolean total) {
        static Target text(Consumer<String> parser) {
            return new Target(b -> parser.accept(new String(b, StandardCharsets.UTF_8)), false, false);
        }

        static Target totalText(Consumer<String> parser) {
            return new Target(text(parser).parser, false, true);
        }

        /** Parses the first {@code length} bytes of a buffer; bytes after them must not matter. */
        interface BufferParser {
            void parse(byte[] buffer, int length);
        }

        static Target bytes(BufferParser parser, boolean total) {
            return new Target(b -> {
                byte[] buffer = java.util.Arrays.copyOf(b, b.length + STALE.length);
                System.arraycopy(STALE, 0, buffer, b.length, STALE.length);
                parser.parse(buffer, b.length);
            }, true, total);
        }
    }

    /** What a reused buffer may hold past the length of this read: the tail of a longer, earlier one. */
    private static final byte[] STALE = ") R 1 2 3\nName:\t".getBytes(StandardCharsets.US_ASCII);

    /** Selector byte (mod size) to parser; the order is part of the seed format. */
    static final List<Target> PARSERS = List.of(
            Target.text(ProcStat::parse),
            Target.text(ProcStatus::parse),
            Target.bytes((b, n) -> Cmdline.parse(b, n).joined(), false),
            Target.text(Statm::parse),
            Target.text(text -> SmapsRollup.parse(text).uss()),
            Target.text(text -> MemoryMap.parse(text).summary()),
            Target.text(text -> Limits.parse(text).find("Max open files")),
            Target.text(ProcIo::parse),
            Target.text(text -> SchedStats.parse(text).policy()),
            Target.bytes((b, n) -> Environ.parse(b, n).redacted().toBytes(), false),
            Target.text(Uptime::parse),
            Target.text(KernelStat::parse),
            Target.text(text -> Meminfo.parse(text).memTotalKb()),
            Target.text(Namespaces::parseLink),
            Target.totalText(text -> FdEntry.of(3, text)),
            Target.totalText(text -> IdNames.parse(text).name(0)),
            Target.bytes(ProcStat::parse, false),
            Target.bytes(ProcStatus::parse, false),
            Target.bytes(ProcStat::stateOf, true),
            Target.bytes(CoreParsersFuzzTest::getdents64, true));

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
            List.of("global/passwd"),
            List.of("sleeper/stat", "zombie/stat", "kthread/stat"),
            List.of("sleeper/status", "zombie/status", "kthread/status"),
            List.of("sleeper/stat", "zombie/stat", "kthread/stat"),
            List.of("getdents64/task-x86_64", "getdents64/proc-x86_64"));

    /** DirectoryReader's decoding of getdents64 records: it must end (no loop on a zero length) and yield only pids. */
    private static void getdents64(byte[] records, int length) {
        for (int v : DirentsDecoding.numericNames(records, length)) {
            if (v <= 0) throw new AssertionError("a listed number must be positive: " + v);
        }
    }

    private static final Map<String, String> BASE_TEXT = new ConcurrentHashMap<>();

    @FuzzTest(maxDuration = "30s")
    void everyParserThrowsOnlyItsParseException(byte[] input) {
        if (input.length == 0) return;
        int which = (input[0] & 0xff) % PARSERS.size();
        Target target = PARSERS.get(which);
        byte[] file;
        if (input.length > 1 && (input[1] & 0x80) != 0) {
            List<String> bases = BASES.get(which);
            String base = bases.get((input[1] & 0x7f) % bases.size());
            // Raw parsers are edited byte by byte (one Latin-1 char per byte), so an edit can put any byte anywhere.
            var charset = target.raw() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            String text = BASE_TEXT.computeIfAbsent(charset.name() + ":" + base, k -> new String(Fixtures.bytes(base), charset));
            file = DiagParsersFuzzTest.edit(text, input, 2).getBytes(charset);
        } else {
            file = java.util.Arrays.copyOfRange(input, 1, input.length);
        }
        try {
            target.parser().accept(file);
        } catch (ProcParseException e) {
            if (target.total()) throw new AssertionError("total parser " + which + " threw", e);
        }
    }
}
