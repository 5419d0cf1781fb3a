package dev.procward.libc;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the decoding of {@code getdents64} records ({@link DirectoryReader#numericNames}): on any
 * bytes it returns (no exception, no endless loop on a zero record length) and yields only
 * positive numbers. The seeds in DirentsFuzzTestInputs/ are listings laid out as the kernel writes
 * them (little-endian), and a cut and a zero-length record.
 *
 * <p>A normal test run replays the seeds; the native-bindings pom runs it again with JAZZER_FUZZ=1
 * for a short bounded fuzzing run.
 */
class DirentsFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void decodingNeverThrowsNorLoops(byte[] input) {
        var out = new DirectoryReader.IntList();
        // A heap segment: byte-aligned only, as a kernel buffer need not be for the decoder.
        DirectoryReader.numericNames(MemorySegment.ofArray(input), input.length, out);
        for (int v : out.toArray()) assertTrue(v > 0, "positive: " + v);
    }
}
