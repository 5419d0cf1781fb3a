package dev.procward.probes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmdlineTest {
    @Test
    void splitsOnNulAndDropsTheTerminator() {
        assertEquals(List.of("sleep", "500"), Cmdline.parse("sleep\0" + "500\0").args());
        assertEquals("sleep 500", Cmdline.parse(Fixtures.text("sleeper/cmdline")).joined());
    }

    @Test
    void keepsEmptyArgumentsInTheMiddle() {
        assertEquals(List.of("printf", "", "x"), Cmdline.parse("printf\0\0x\0").args());
    }

    @Test
    void rewrittenTitlesAndPaddingSurvive() {
        assertEquals(List.of("nginx: worker process"), Cmdline.parse("nginx: worker process\0\0\0\0").args());
    }

    @Test
    void kernelThreadsAndZombiesHaveNone() {
        byte[] b = Fixtures.bytes("zombie/cmdline");
        assertTrue(Cmdline.parse(b, b.length).isEmpty());
    }
}
