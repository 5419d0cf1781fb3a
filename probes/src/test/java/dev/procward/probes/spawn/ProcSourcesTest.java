package dev.procward.probes.spawn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The few /proc and /sys sources the laboratory reads, on fixed texts as the kernel writes them. */
class ProcSourcesTest {

    @Test
    void smapsRollupGivesRssAndHugePagesInBytes() {
        String text = """
                55d0c0a00000-7ffd2b5fe000 ---p 00000000 00:00 0                          [rollup]
                Rss:             1052672 kB
                Pss:             1049212 kB
                Anonymous:       1048640 kB
                AnonHugePages:   1046528 kB
                """;
        assertEquals(new ResidentMemory(1052672L * 1024, 1046528L * 1024), ResidentMemory.parse(text));
    }

    @Test
    void aMissingFieldIsMinusOneNotAnError() {
        assertEquals(new ResidentMemory(4096, -1), ResidentMemory.parse("Rss: 4 kB\n"));
        assertEquals(ResidentMemory.UNKNOWN, ResidentMemory.of(java.nio.file.Path.of("/nonexistent"), 1));
    }

    @Test
    void meminfoGivesTotalAndAvailable() {
        String text = "MemTotal:       24608252 kB\nMemFree:        20000000 kB\nMemAvailable:   21000000 kB\n";
        assertEquals(new AvailableMemory(24608252L * 1024, 21000000L * 1024), AvailableMemory.parse(text));
    }

    @Test
    void thpModeIsTheBracketedChoice() {
        assertEquals("madvise", MachineFacts.thpMode("always [madvise] never\n"));
        assertEquals("never", MachineFacts.thpMode("always madvise [never]"));
        assertEquals("unknown", MachineFacts.thpMode(null));
    }

    @Test
    void loadAverageIsTheFirstThreeFields() {
        assertEquals("21.66 13.63 7.18", MachineFacts.loadAverage("21.66 13.63 7.18 3/912 40424\n"));
        assertEquals("unknown", MachineFacts.loadAverage(null));
    }

    @Test
    void cpuModelComesFromModelName() {
        assertEquals("AMD EPYC 7B13", MachineFacts.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n"));
    }
}
