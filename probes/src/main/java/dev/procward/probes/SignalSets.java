package dev.procward.probes;

import dev.procward.libc.Signal;

import java.util.ArrayList;
import java.util.List;

/** Decodes the Sig* masks of {@code status} (bit N-1 is signal N) into signal names. */
public final class SignalSets {
    private SignalSets() {}

    public static List<String> names(long mask) {
        List<String> out = new ArrayList<>(Long.bitCount(mask));
        for (int n = 1; n <= 64; n++) if ((mask & (1L << (n - 1))) != 0) out.add(Signal.nameOf(n));
        return out;
    }

    public static boolean contains(long mask, int signal) {
        return signal >= 1 && signal <= 64 && (mask & (1L << (signal - 1))) != 0;
    }
}
