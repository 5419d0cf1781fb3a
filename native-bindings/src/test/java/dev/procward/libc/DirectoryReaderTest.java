package dev.procward.libc;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoryReaderTest {
    private static final int SELF = (int) ProcessHandle.current().pid();

    @Test
    void readsFilesRelativeToADirectoryDescriptor() throws Exception {
        try (var r = new DirectoryReader(16)) {
            int proc = r.openDirectory(DirectoryReader.AT_FDCWD, "/proc");
            assertTrue(proc >= 0);
            try {
                int n = r.read(proc, SELF + "/status"); // longer than the first buffer: it grows
                assertTrue(n > 16);
                assertTrue(r.text().startsWith("Name:"));
                assertEquals(n, r.length());
                assertEquals(-Errno.ENOENT.number(), r.read(proc, "999999999/stat"));
                assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(), r.readLink(proc, SELF + "/ns/pid"));
                assertNull(r.readLink(proc, "999999999/ns/pid"));
                assertEquals(Errno.ENOENT.number(), r.lastErrno());
            } finally {
                r.close(proc);
            }
        }
    }

    @Test
    void listsNumericEntriesAndRereadsAnOpenFile() {
        try (var r = new DirectoryReader(256)) {
            int[] pids = r.numericEntries(DirectoryReader.AT_FDCWD, "/proc");
            assertTrue(Arrays.stream(pids).anyMatch(p -> p == SELF));
            assertTrue(Arrays.stream(pids).allMatch(p -> p > 0));
            int[] tids = r.numericEntries(DirectoryReader.AT_FDCWD, "/proc/" + SELF + "/task");
            assertTrue(tids.length > 1);
            assertNull(r.numericEntries(DirectoryReader.AT_FDCWD, "/proc/999999999/task"));
            int dir = r.openDirectory(DirectoryReader.AT_FDCWD, "/proc/" + SELF + "/task");
            int[] again = r.numericEntries(dir);
            assertArrayEquals(again, r.numericEntries(dir), "listed twice from the start");
            r.close(dir);

            int fd = r.openFile(DirectoryReader.AT_FDCWD, "/proc/" + SELF + "/stat");
            int first = r.reread(fd);
            assertTrue(first > 0 && r.text().startsWith(SELF + " ("));
            assertTrue(r.reread(fd) > 0 && r.text().startsWith(SELF + " ("));
            r.close(fd);
        }
    }

    @Test
    void aOneRecordFileReadsWholeEvenWhenItOutgrowsTheBuffer() throws Exception {
        try (var r = new DirectoryReader(16)) {
            int n = r.readRecord(DirectoryReader.AT_FDCWD, "/proc/" + SELF + "/status");
            assertTrue(n > 16 && r.text().startsWith("Name:") && r.text().endsWith("\n"), r.text());
            assertTrue(r.text().contains("\nnonvoluntary_ctxt_switches:"), "the last line is there");
        }
    }

    @Test
    void aFileOfManyRecordsIsReadToItsEndNotToTheFirstShortRead() throws Exception {
        // maps: one record per mapping, and the kernel may end a read between two records.
        try (var r = new DirectoryReader(4096)) {
            String expected = Files.readString(Path.of("/proc/self/maps"));
            int n = r.read(DirectoryReader.AT_FDCWD, "/proc/self/maps");
            assertTrue(expected.length() > 8192, "this JVM maps more than two pages' worth of lines");
            // (a count of lines would race with the JVM's own mappings changing between the reads)
            assertTrue(n > 8192, "read past the first page: " + n);
            assertTrue(r.text().endsWith("\n"));
        }
    }

    /** One linux_dirent64 record in the kernel's (native, here little-endian) layout, 8-byte padded. */
    private static byte[] dirent(String name, int reclenOverride) {
        byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int reclen = (19 + nameBytes.length + 1 + 7) / 8 * 8;
        var b = java.nio.ByteBuffer.allocate(reclen).order(java.nio.ByteOrder.nativeOrder());
        b.putLong(1).putLong(1).putShort((short) (reclenOverride >= 0 ? reclenOverride : reclen)).put((byte) 4).put(nameBytes);
        return b.array();
    }

    private static int[] decode(byte[]... records) {
        var all = new java.io.ByteArrayOutputStream();
        for (byte[] r : records) all.writeBytes(r);
        byte[] bytes = all.toByteArray();
        var out = new DirectoryReader.IntList();
        DirectoryReader.numericNames(java.lang.foreign.MemorySegment.ofArray(bytes), bytes.length, out);
        return out.toArray();
    }

    @Test
    void decodesTheNumericNamesOfGetdentsRecords() {
        assertArrayEquals(new int[] {1, 42, 32767},
                decode(dirent(".", -1), dirent("..", -1), dirent("1", -1), dirent("self", -1), dirent("42", -1),
                        dirent("0", -1), dirent("1234567890", -1), dirent("32767", -1)));
    }

    @Test
    void aMalformedRecordEndsTheDecodingInsteadOfLoopingOrReadingPastIt() {
        assertArrayEquals(new int[] {7}, decode(dirent("7", -1), dirent("8", 0)), "a zero length would loop forever");
        assertArrayEquals(new int[] {7}, decode(dirent("7", -1), dirent("8", 4096)), "a length past the bytes read");
        byte[] cut = dirent("9", -1);
        assertArrayEquals(new int[] {7}, decode(dirent("7", -1), Arrays.copyOf(cut, 20)), "a cut record");
        byte[] noNul = dirent("12345", -1);
        Arrays.fill(noNul, 19, noNul.length, (byte) '1');
        assertArrayEquals(new int[0], decode(noNul), "a name without its NUL is no number");
    }
}
