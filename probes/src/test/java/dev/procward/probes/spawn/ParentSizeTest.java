package dev.procward.probes.spawn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ParentSizeTest {

    @Test
    void suffixesAreBinary() {
        assertEquals(16L << 20, ParentSize.parse("16m").bytes());
        assertEquals(1L << 30, ParentSize.parse("1g").bytes());
        assertEquals(4L << 30, ParentSize.parse("4G").bytes());
        assertEquals(512L << 20, ParentSize.parse("512MiB").bytes());
        assertEquals(4096, ParentSize.parse("4096").bytes());
        assertEquals(0, ParentSize.parse("0").bytes());
    }

    @Test
    void labelsAreShortAndMarkHugePages() {
        assertEquals("16m", ParentSize.parse("16m").label());
        assertEquals("4g", ParentSize.parse("4096m").label());
        assertEquals("1g+thp", ParentSize.parse("1g").withHugePages().label());
        assertEquals("1500", ParentSize.parse("1500").label());
    }

    @Test
    void garbageIsRejectedWithTheOffendingText() {
        var e = assertThrows(IllegalArgumentException.class, () -> ParentSize.parse("lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParentSize.parse("-1g"));
        assertThrows(IllegalArgumentException.class, () -> ParentSize.parse("99999999999999999999t"));
    }
}
