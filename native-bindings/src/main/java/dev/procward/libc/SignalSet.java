package dev.procward.libc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An immutable set of signals 1..64, as a bit mask (bit {@code n-1} for signal {@code n}, the
 * kernel's own encoding).
 *
 * <p>It is written into native memory in two widths: glibc's {@code sigset_t} of
 * {@link #GLIBC_BYTES} bytes (for {@code sigprocmask}, {@code pthread_sigmask}, {@code posix_spawnattr_setsig*},
 * {@code sigaction}) and the kernel's {@link #KERNEL_BYTES} bytes (raw {@code rt_sigprocmask},
 * {@code signalfd4}). Mixing them up is a classic bug: the kernel rejects a 128-byte size with EINVAL.
 *
 * @param bits the mask
 */
public record SignalSet(long bits) {

    /** glibc's {@code sizeof(sigset_t)}. */
    public static final long GLIBC_BYTES = 128;
    /** The kernel's sigset size ({@code _NSIG / 8}). */
    public static final long KERNEL_BYTES = 8;

    public static final SignalSet EMPTY = new SignalSet(0);
    /** Every signal 1..64 (the kernel ignores KILL and STOP in masks). */
    public static final SignalSet ALL = new SignalSet(-1L);

    public static SignalSet of(Signal... signals) {
        long b = 0;
        for (Signal s : signals) b |= bit(s.number());
        return new SignalSet(b);
    }

    public static SignalSet ofNumbers(int... numbers) {
        long b = 0;
        for (int n : numbers) b |= bit(n);
        return new SignalSet(b);
    }

    public SignalSet with(int number) {
        return new SignalSet(bits | bit(number));
    }

    public SignalSet with(Signal signal) {
        return with(signal.number());
    }

    public SignalSet without(int number) {
        return new SignalSet(bits & ~bit(number));
    }

    public SignalSet union(SignalSet other) {
        return new SignalSet(bits | other.bits);
    }

    public boolean contains(int number) {
        return number >= 1 && number <= Signal.MAX && (bits & bit(number)) != 0;
    }

    public boolean contains(Signal signal) {
        return contains(signal.number());
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    /** The members in ascending order. */
    public List<Integer> numbers() {
        List<Integer> out = new ArrayList<>(Long.bitCount(bits));
        for (long b = bits; b != 0; b &= b - 1) out.add(Long.numberOfTrailingZeros(b) + 1);
        return out;
    }

    /** Writes glibc's 128-byte {@code sigset_t} at the start of {@code segment}. */
    public void writeGlibc(MemorySegment segment) {
        segment.asSlice(0, GLIBC_BYTES).fill((byte) 0);
        segment.set(ValueLayout.JAVA_LONG, 0, bits);
    }

    /** Writes the kernel's 8-byte sigset at the start of {@code segment}. */
    public void writeKernel(MemorySegment segment) {
        segment.set(ValueLayout.JAVA_LONG, 0, bits);
    }

    /** Reads either width: signals 1..64 sit in the first 8 bytes of both. */
    public static SignalSet read(MemorySegment segment) {
        return new SignalSet(segment.get(ValueLayout.JAVA_LONG, 0));
    }

    private static long bit(int number) {
        if (number < 1 || number > Signal.MAX) throw new IllegalArgumentException("not a signal: " + number);
        return 1L << (number - 1);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int n : numbers()) j.add(Signal.nameOf(n));
        return j.toString();
    }
}
