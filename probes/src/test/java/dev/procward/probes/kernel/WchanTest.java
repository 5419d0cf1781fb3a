package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;
import dev.procward.probes.Gap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class WchanTest {
    @Test
    void aSleepingThreadNamesItsWaitFunction() {
        assertEquals(Optional.of("hrtimer_nanosleep"), Wchan.parse(Fixtures.text("wchan/hrtimer_nanosleep")));
    }

    @Test
    void zeroAndEmptyMeanNoWaitChannel() {
        assertEquals(Optional.empty(), Wchan.parse(Fixtures.text("wchan/running-zero")));
        assertEquals(Optional.empty(), Wchan.parse(""));
    }

    @Test
    void whitespaceInsideASymbolIsMalformed() {
        assertThrows(ProcParseException.class, () -> Wchan.parse("two words"));
    }

    @Test
    void aVanishedThreadIsAGapNotAnError() {
        assertEquals(Gap.Reason.MISSING, Wchan.read(Path.of("/proc"), Integer.MAX_VALUE, Integer.MAX_VALUE).gapReason());
    }

    @Test
    void readsTheLiveFileOfThisThread() {
        long tid = ProcessHandle.current().pid();
        assertTrue(Wchan.read(Path.of("/proc"), (int) tid, (int) tid).present());
    }
}
