package dev.procward.probes.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.procward.probes.ProcParseException;
import dev.procward.probes.kernel.ContainerEvidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes what a capture's reader parses from untrusted bytes: {@code .procward/symlinks} and
 * {@code capture.properties} may throw only {@link ProcParseException}, and every link they let
 * through sits where procfs has links; container evidence (PID 1's ns link, cgroup and environ,
 * and the recorded marker files) never throws. The first byte of an input picks the parser, the
 * rest is its text (for container evidence, four NUL-free fields separated by 0x01). Seeds are in
 * CaptureFuzzTestInputs/; the probes pom runs it once more with JAZZER_FUZZ=1 (maxDuration).
 */
public class CaptureFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void captureParsersThrowOnlyTheirParseException(byte[] input) {
        if (input.length == 0) return;
        byte[] text = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch ((input[0] & 0xff) % 3) {
                case 0 -> {
                    for (CaptureLinks.Link l : CaptureLinks.parse(text)) {
                        assertTrue(CaptureLinks.allowedAt(l.path()), l.path());
                        assertTrue(!l.target().isEmpty(), l.path());
                    }
                }
                case 1 -> CaptureMeta.parse(text);
                default -> {
                    String[] f = new String(text, StandardCharsets.UTF_8).split("\u0001", 4);
                    String[] four = Arrays.copyOf(f, 4);
                    for (int i = 0; i < 4; i++) if (four[i] == null) four[i] = "";
                    var markers = ContainerEvidence.parseMarkers(four[3]);
                    assertTrue(ContainerEvidence.MARKER_FILES.containsAll(markers), markers.toString());
                    var e = ContainerEvidence.of(four[0], four[1], four[2], markers);
                    assertTrue(e.inContainer() == !e.signs().isEmpty());
                }
            }
        } catch (ProcParseException expected) {
            // the documented way to refuse malformed text
        }
    }
}
