package dev.procward.libc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class SmallFileReaderTest {
    @Test
    void readsASysctlWholeWhereTheJdksSizeThenReadLoopSeesOneByte() throws Exception {
        try (var r = new SmallFileReader(4096)) {
            int n = r.read("/proc/sys/kernel/pid_max");
            byte[] b = new byte[n];
            r.copyTo(b, n);
            String cat = new String(new ProcessBuilder("cat", "/proc/sys/kernel/pid_max").start().getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII);
            assertEquals(cat, new String(b, StandardCharsets.US_ASCII));
            assertTrue(cat.length() > 1);
        }
    }

    @Test
    void aMissingFileIsMinusErrnoNotAnException() {
        try (var r = new SmallFileReader(64)) {
            assertEquals(-Errno.ENOENT.number(), r.read("/proc/999999999/stat"));
            assertEquals(-Errno.ENAMETOOLONG.number(), r.read("/" + "x".repeat(5000)));
        }
    }

    @Test
    void aLongFileIsCutAtTheCapacity() {
        try (var r = new SmallFileReader(16)) {
            assertEquals(16, r.read("/proc/self/status"));
        }
    }
}
