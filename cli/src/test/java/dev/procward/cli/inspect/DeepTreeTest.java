package dev.procward.cli.inspect;

import dev.procward.cli.diag.CliRun;

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

    @Test
    void aChainFiveThousandDeepIsDrawnInline(@TempDir Path dir) throws Exception {
        int depth = 5000;
        chain(dir, depth);
        CliRun r = onSmallStack("tree", "-A", "-T", "--proc-root", dir.toString(), "1");
        assertEquals(0, r.code(), r.err());
        assertEquals("p" + "---p".repeat(depth - 1) + "\n", r.out());
    }

    @Test
    void aChainTwoThousandDeepIsDrawnOneProcessPerLine(@TempDir Path dir) throws Exception {
        int depth = 2000; // under -a each level indents four columns more: the output grows with depth squared
        chain(dir, depth);
        CliRun r = onSmallStack("tree", "-A", "-a", "-p", "-T", "--proc-root", dir.toString(), "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(depth, lines.length);
        assertEquals("p,1 x", lines[0]);
        assertEquals("  `-p,2 x", lines[1]);
        assertEquals("      `-p,3 x", lines[2]);
        assertEquals(" ".repeat(4 * (depth - 1) - 2) + "`-p," + depth + " x", lines[depth - 1]);
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

    /** pid 1 is the root; pid n's parent is n-1. Only the files tree reads: stat and cmdline. */
    private static void chain(Path dir, int depth) throws IOException {
        for (int pid = 1; pid <= depth; pid++) stat(dir, pid, pid - 1);
    }

    private static void stat(Path dir, int pid, int ppid) throws IOException {
        Path p = Files.createDirectories(dir.resolve(Integer.toString(pid)));
        // the kernel's layout: pid (comm) state ppid pgrp session tty tpgid flags …, 52 fields in all
        StringBuilder stat = new StringBuilder().append(pid).append(" (p) S ").append(ppid).append(" 1 1 0 -1 4194560");
        for (int field = 10; field <= 52; field++) stat.append(field == 20 ? " 1" : " 0");
        Files.writeString(p.resolve("stat"), stat.append('\n'));
        Files.writeString(p.resolve("cmdline"), "p\0x\0");
    }

    private static CliRun onSmallStack(String... args) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(CliRun.of(args));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", SMALL_STACK);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) throw new AssertionError("tree failed on a small stack", e);
        assertTrue(result.get() instanceof CliRun);
        return (CliRun) result.get();
    }
}
