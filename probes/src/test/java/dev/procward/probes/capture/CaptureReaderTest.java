package dev.procward.probes.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** A capture comes from anyone: crafted archives are refused, or their links stay inert data. */
class CaptureReaderTest {
    @TempDir Path dir;

    /** A zip with the given entries (name to text); a capture.properties is added unless given. */
    private Path zip(Map<String, String> entries) throws IOException {
        Path file = dir.resolve("capture-" + System.nanoTime() + ".zip");
        var all = new LinkedHashMap<String, String>();
        all.put(CaptureLayout.PROPERTIES, "format=1\n");
        all.putAll(entries);
        try (var z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : all.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return file;
    }

    private static String links(String... pairs) {
        return String.join("\0", pairs) + "\0";
    }

    private String refusal(Path zip) {
        Path into = dir.resolve("into-" + System.nanoTime());
        var e = assertThrows(IllegalArgumentException.class, () -> CaptureReader.open(zip, into));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aLinkWhereProcfsHasNoneIsRefused() throws IOException {
        Path secret = Files.writeString(dir.resolve("host-secret"), "TOP-SECRET");
        String msg = refusal(zip(Map.of("1/stat", "1 (init) S 0 1 1 0 -1 0",
                CaptureLayout.SYMLINKS, links("1/cmdline", secret.toString()))));
        assertTrue(msg.contains("no link belongs at \"1/cmdline\""), msg);
        for (String at : new String[] {"1/status", "1/task/2/cmdline", "1/fd", "1", "x/cwd", "1/ns/../../x", ".procward/kmsg"}) {
            assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, links(at, secret.toString())))).contains("no link belongs"), at);
        }
    }

    @Test
    void selfMustNameAPid() throws IOException {
        assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, links("self", "/proc/1")))).contains("self must name a pid"));
        Path root = CaptureReader.open(zip(Map.of("7/stat", "x", CaptureLayout.SYMLINKS, links("self", "7"))), dir.resolve("ok"));
        assertEquals("x", Files.readString(root.resolve("self/stat")));
    }

    @Test
    void entriesThatClimbOutOrAreAbsoluteAreRefusedBeforeAnythingIsWritten() throws IOException {
        for (String name : new String[] {"../escaped", "1/../../escaped", "1/../2/stat", "/tmp/procward-absolute-entry"}) {
            Path into = dir.resolve("into-" + System.nanoTime());
            Path zip = zip(Map.of("1/stat", "x", name, "y"));
            var e = assertThrows(IllegalArgumentException.class, () -> CaptureReader.open(zip, into));
            assertTrue(e.getMessage().contains("escapes the capture"), e.getMessage());
            assertFalse(Files.exists(into.resolve("1/stat")), "nothing unpacked from a refused capture");
        }
        assertFalse(Files.exists(dir.resolve("escaped")));
        assertFalse(Files.exists(Path.of("/tmp/procward-absolute-entry")));
    }

    @Test
    void aLinkAtAProcfsLinkPathKeepsItsTargetAsData() throws IOException {
        Path root = CaptureReader.open(zip(Map.of(CaptureLayout.SYMLINKS,
                links("1/cwd", "/etc", "1/fd/0", "/etc/hostname", "1/task/1/ns/pid", "pid:[4026531836]"))), dir.resolve("ok"));
        assertEquals("/etc", Files.readSymbolicLink(root.resolve("1/cwd")).toString());
        assertEquals("/etc/hostname", Files.readSymbolicLink(root.resolve("1/fd/0")).toString());
        assertEquals("pid:[4026531836]", Files.readSymbolicLink(root.resolve("1/task/1/ns/pid")).toString());
        assertTrue(Files.isDirectory(root.resolve("1/fd"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void malformedListsAndPropertiesAreOneLineRefusals() throws IOException {
        assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, "1/cwd\0/\0" + "1/exe\0"))).contains("a path without a target"));
        assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, "1/cwd\0/"))).contains("not NUL-terminated"));
        assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, links("1/cwd", "/", "1/cwd", "/etc")))).contains("two links"));
        assertTrue(refusal(zip(Map.of(CaptureLayout.SYMLINKS, links("1/cwd", ""))))
                .contains("bad target"));
        assertTrue(refusal(zip(Map.of(CaptureLayout.PROPERTIES, "format=\\u00zz\n"))).contains("capture.properties"));
        assertTrue(refusal(zip(Map.of(CaptureLayout.PROPERTIES, "format=9\n"))).contains("format"));
        // A file and a link at one path: a legitimate capture never has both.
        assertTrue(refusal(zip(Map.of("1/cwd", "x", CaptureLayout.SYMLINKS, links("1/cwd", "/")))).contains("two entries"));
    }
}
