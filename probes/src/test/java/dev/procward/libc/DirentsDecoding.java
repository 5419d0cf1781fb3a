package dev.procward.libc;

import java.lang.foreign.MemorySegment;

/**
 * Opens {@link DirectoryReader}'s package-private getdents64 decoding to the probes fuzz target
 * (this class shares its package on the test class path). The decoding is fuzzed in the probes
 * fuzzing JVM rather than one of its own: a Jazzer JVM costs seconds to start.
 */
public final class DirentsDecoding {
    private DirentsDecoding() {}

    /** The positive numeric names among the records in {@code records[0, length)}. */
    public static int[] numericNames(byte[] records, int length) {
        var out = new DirectoryReader.IntList();
        DirectoryReader.numericNames(MemorySegment.ofArray(records), length, out);
        return out.toArray();
    }
}
