package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A capture is untrusted input: a crafted one must never make an inspector read a file of the
 * host it runs on. Each test starts from a real capture and edits its link list.
 */
class HostileCaptureTest {
    @TempDir Path dir;

    /** A host file the crafted captures point at; its text must never appear in any output. */
    private static final String SECRET = "host-secret-" + Long.toHexString(System.nanoTime());

    private Path secretFile() throws IOException {
        return Files.writeString(dir.resolve("secret"), SECRET + "\n");
    }

    /** Rewrites a capture: entries kept unless dropped, and the link list (path\0target\0...) edited. */
    private Path edited(Path capture, String drop, UnaryOperator<String> links) throws IOException {
        Path out = dir.resolve("evil-" + System.nanoTime() + ".zip");
        try (var in = new ZipFile(capture.toFile()); var z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var it = in.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                if (e.getName().equals(drop)) continue;
                byte[] data = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(".procward/symlinks")) {
                    data = links.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(data);
                z.closeEntry();
            }
        }
        return out;
    }

    private Path realCapture(long pid) {
        Path zip = dir.resolve("real.zip");
        CliRun cap = CliRun.of("capture", zip.toString(), "-p", pid + "," + ProcessHandle.current().pid());
        assertEquals(0, cap.code(), cap.err());
        return zip;
    }

    private static void assertRefused(CliRun r, String why) {
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("not a procward capture") && r.err().contains(why), r.err());
        assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET));
    }

    @Test
    void aLinkInPlaceOfCmdlineIsRefused() throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("sleep", "300");
            Path secret = secretFile();
            Path evil = edited(realCapture(p.pid()), p.pid() + "/cmdline",
                    links -> links + p.pid() + "/cmdline\0" + secret + "\0");
            assertRefused(CliRun.of("ps", "--proc-root", evil.toString(), "-o", "pid,args"), "no link belongs at");
            Path selfOut = edited(realCapture(p.pid()), "", links -> links.replaceFirst("self\0[0-9]+\0", "self\0/proc/1\0"));
            assertRefused(CliRun.of("doctor", "--proc-root", selfOut.toString(), "--sample", "0"), "self must name a pid");
        }
    }

    @Test
    void zipSlipEntriesAreRefused() throws Exception {
        for (String name : new String[] {"../escaped", "1/../../escaped", "/tmp/escaped-absolute"}) {
            Path evil = dir.resolve("slip.zip");
            try (var z = new ZipOutputStream(Files.newOutputStream(evil))) {
                z.putNextEntry(new ZipEntry(".procward/capture.properties"));
                z.write("format=1\n".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
                z.putNextEntry(new ZipEntry(name));
                z.write(1);
                z.closeEntry();
            }
            assertRefused(CliRun.of("ps", "--proc-root", evil.toString()), "escapes the capture");
        }
        assertFalse(Files.exists(Path.of("/tmp/escaped-absolute")));
    }

    @Test
    void linksAtProcfsLinkPathsAreShownNeverFollowed() throws Exception {
        try (var live = new LiveProcesses()) {
            Process p = live.start("sleep", "300");
            Path secret = secretFile();
            // Every cwd, exe, root and fd link now names the host's secret file (and / for root).
            Path evil = edited(realCapture(p.pid()), "", links -> {
                String[] parts = links.split("\0", -1);
                for (int i = 0; i + 1 < parts.length; i += 2) {
                    if (parts[i].matches(".*/(cwd|exe|fd/\\d+)")) parts[i + 1] = secret.toString();
                    if (parts[i].endsWith("/root")) parts[i + 1] = "/";
                }
                return String.join("\0", parts);
            });
            String pid = Long.toString(p.pid());
            for (String[] cmd : new String[][] {
                    {"ps", "-o", "pid,args,comm"}, {"inspect", pid}, {"inspect", pid, "--output", "json"}, {"tree", "-a"},
                    {"zombies"}, {"doctor", "--sample", "0"}, {"signal", "-n", "TERM", pid}}) {
                String[] args = new String[cmd.length + 2];
                System.arraycopy(cmd, 0, args, 0, cmd.length);
                args[cmd.length] = "--proc-root";
                args[cmd.length + 1] = evil.toString();
                CliRun r = CliRun.of(args);
                String all = r.out() + r.err();
                assertFalse(all.contains(SECRET), String.join(" ", cmd) + ": " + all);
                assertFalse(all.contains("\tat "), all);
            }
            CliRun inspect = CliRun.of("inspect", pid, "--proc-root", evil.toString());
            assertEquals(0, inspect.code(), inspect.err());
            assertTrue(inspect.out().contains(secret.toString()), "the target is shown as data: " + inspect.out());
        }
    }
}
