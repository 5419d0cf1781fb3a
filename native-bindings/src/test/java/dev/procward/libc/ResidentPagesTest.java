package dev.procward.libc;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidentPagesTest {

    @Test
    void onlyFileMappingsAreCandidates() {
        assertArrayEquals(new long[] {0x7f33b2680000L, 0x7f33b276b000L}, ResidentPages.fileBackedRange(
                "7f33b2680000-7f33b276b000 r-xp 00000000 fd:01 1311 /usr/lib/jvm/lib/server/libjvm.so"));
        assertNull(ResidentPages.fileBackedRange("ff000000-ff800000 rw-p 00000000 00:00 0 "));
        assertNull(ResidentPages.fileBackedRange("7ffd1000-7ffd3000 rw-p 00000000 00:00 0                          [stack]"));
    }

    /** The process goes on working: the pages come back from the file on the next touch. */
    @Test
    void pagingOutKeepsTheProcessWorking() throws Exception {
        int ranges = ResidentPages.pageOutFileMappings();
        assertTrue(ranges > 0, "ranges " + ranges);
        assertTrue(Files.readString(Path.of("/proc/self/status")).contains("VmRSS"));
    }
}
