package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain of processes thousands deep, in a synthetic /proc root, is drawn on a small thread
 * stack: nothing in tree may recurse once per level.
 */
class DeepTreeTest {
    /** Far below the 8 MiB of a main thread, and far below what one frame per level needs at these depths. */
    private static final long SMALL_STACK = 256 * 1024;

    private static final int DEPTH = 5000;

    /** One chain for both layouts: pid 1 is the root and pid n's parent is n-1. Only the -a part needs cmdline. */
    @TempDir
    static Path chain;

    @BeforeAll
    static void writeChain() throws IOException {
        for (int pid = 1; pid <= DEPTH; pid++) {
            stat(chain, pid, pid - 1);
            if (pid > DEPTH - 2000) Files.writeString(chain.resolve(pid + "/cmdline"), "p\0x\0");
        }
    }

    @Test
    void aChainFiveThousandDeepIsDrawnInline() throws Exception {
        CliRun r = onSmallStack("tree", "-A", "-T", "--proc-root", chain.toString(), "1");
        assertEquals(0, r.code(), r.err());
        assertEquals("p" + "---p".repeat(DEPTH - 1) + "\n", r.out());
    }

    @Test
    void aChainTwoThousandDeepIsDrawnOneProcessPerLine() throws Exception {
        // Under -a each level indents four columns more, so the output grows with depth squared:
        // draw the last 2000 links of the chain.
        int top = DEPTH - 1999;
        CliRun r = onSmallStack("tree", "-A", "-a", "-p", "-T", "--proc-root", chain.toString(), Integer.toString(top));
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2000, lines.length);
        assertEquals("p," + top + " x", lines[0]);
        assertEquals("  `-p," + (top + 1) + " x", lines[1]);
        assertEquals("      `-p," + (top + 2) + " x", lines[2]);
        assertEquals(" ".repeat(4 * 1999 - 2) + "`-p," + DEPTH + " x", lines[1999]);
    }

    @Test
    void nestedJsonOfAChainTooDeepIsAOneLineError() throws Exception {
        CliRun r = onSmallStack("tree", "--output", "json", "-T", "--proc-root", chain.toString(), "1");
        assertEquals(1, r.code(), r.out());
        assertEquals("procward: the tree under 1 is more than 256 processes deep, too deep for nested JSON; "
                + "draw it as text, or name a process further down\n", r.err());
        // The JSON writer recurses per level: give it the launcher's stack (-Xss512k), on which about 400 levels fit.
        CliRun shallow = onStack(512 * 1024, "tree", "--output", "json", "-T", "--proc-root", chain.toString(),
                Integer.toString(DEPTH - 255));
        assertEquals(0, shallow.code(), shallow.err());
        assertTrue(shallow.out().contains("\"pid\" : " + DEPTH + ","), shallow.out());
    }

    @Test
    void aParentLoopEndsInsteadOfSpinning(@TempDir Path dir) throws Exception {
        // 2 and 3 name each other as parent (pid reuse between two reads can do this): no root reaches them,
        // yet asking for either must draw each once.
        stat(dir, 2, 3);
        stat(dir, 3, 2);
        CliRun r = onSmallStack("tree", "-A", "-T", "--proc-root", dir.toString(), "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("p---p\n", r.out());
    }

    /** The one file tree reads without -a. */
    private static void stat(Path dir, int pid, int ppid) throws IOException {
        Path p = Files.createDirectory(dir.resolve(Integer.toString(pid)));
        // the kernel's layout: pid (comm) state ppid pgrp session tty tpgid flags …, 52 fields in all
        StringBuilder stat = new StringBuilder().append(pid).append(" (p) S ").append(ppid).append(" 1 1 0 -1 4194560");
        for (int field = 10; field <= 52; field++) stat.append(field == 20 ? " 1" : " 0");
        Files.writeString(p.resolve("stat"), stat.append('\n'));
    }

    private static CliRun onSmallStack(String... args) throws InterruptedException {
        return onStack(SMALL_STACK, args);
    }

    private static CliRun onStack(long stackBytes, String... args) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(CliRun.of(args));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", stackBytes);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) throw new AssertionError("tree failed on a " + stackBytes / 1024 + " KiB stack", e);
        assertTrue(result.get() instanceof CliRun);
        return (CliRun) result.get();
    }
}
