package dev.procward.cli.render;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class StyleTest {
    @Test
    void aTerminalGetsColourWhenNoColorIsUnset() {
        Style s = Style.detect(true, Map.of("TERM", "xterm-256color"));
        assertTrue(s.colour());
        assertEquals("\u001b[31mx\u001b[0m", s.red("x"));
    }

    @Test
    void anyNonEmptyNoColorTurnsColourOffOnATerminal() {
        for (String value : new String[] {"1", "0", "true", "false", "no", " "}) {
            Style s = Style.detect(true, Map.of("TERM", "xterm", "NO_COLOR", value));
            assertFalse(s.colour(), "NO_COLOR=" + value);
            assertEquals("x", s.red("x"));
        }
    }

    @Test
    void anEmptyNoColorIsAsIfUnset() {
        assertTrue(Style.detect(true, Map.of("NO_COLOR", "")).colour());
    }

    @Test
    void notATerminalNeverGetsColour() {
        assertFalse(Style.detect(false, Map.of()).colour());
        assertFalse(Style.detect(false, Map.of("TERM", "xterm-256color")).colour());
        assertFalse(Style.detect(false, Map.of("NO_COLOR", "")).colour());
    }

    @Test
    void aDumbTerminalGetsNoColour() {
        assertFalse(Style.detect(true, Map.of("TERM", "dumb")).colour());
    }

    @Test
    void plainNeverColours() {
        assertEquals("x", Style.plain().bold("x"));
    }
}
