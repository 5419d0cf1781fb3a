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
}
