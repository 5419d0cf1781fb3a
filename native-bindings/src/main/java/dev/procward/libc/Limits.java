package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemorySegment;

/** Resource limits: {@code prlimit64} for any process, {@code getrlimit} as prlimit on ourselves. */
public final class Limits {

    private Limits() {}

    /** RLIM_INFINITY: no limit. */
    public static final long INFINITY = -1L;

    /** {@code struct rlimit}: two unsigned 64-bit values. */
    static final long RLIMIT_BYTES = 16;

    /** The resources (same numbers on x86_64 and aarch64). */
    public enum Resource {
        CPU(0), FSIZE(1), DATA(2), STACK(3), CORE(4), RSS(5), NPROC(6), NOFILE(7), MEMLOCK(8), AS(9),
        LOCKS(10), SIGPENDING(11), MSGQUEUE(12), NICE(13), RTPRIO(14), RTTIME(15);

        final int value;

        Resource(int value) {
            this.value = value;
        }
    }

    /**
     * A soft and a hard limit; {@link #INFINITY} for none.
     */
    public record Rlimit(long soft, long hard) {
        public boolean softUnlimited() {
            return soft == INFINITY;
        }

        public boolean hardUnlimited() {
            return hard == INFINITY;
        }
    }

    /** getrlimit(resource) for this process. */
    public static Rlimit getrlimit(Resource resource) {
        return prlimit(0, resource, null);
    }

    /**
     * prlimit(pid, resource, newLimit, &old): reads the limit of {@code pid} (0 = us) and, when
     * {@code newLimit} is not null, replaces it. Returns the limit as it was.
     */
    public static Rlimit prlimit(int pid, Resource resource, Rlimit newLimit) {
        CallState cs = CallState.current();
        MemorySegment s = cs.zeroedScratch(2 * RLIMIT_BYTES);
        long newAddress = 0;
        if (newLimit != null) {
            s.set(JAVA_LONG, 0, newLimit.soft());
            s.set(JAVA_LONG, 8, newLimit.hard());
            newAddress = s.address();
        }
        long r = Syscall.raw(cs, Sys.PRLIMIT64, pid, resource.value, newAddress, s.address() + RLIMIT_BYTES, 0, 0);
        if (r == -1) throw cs.failure("prlimit", pid + ", " + resource);
        return new Rlimit(s.get(JAVA_LONG, RLIMIT_BYTES), s.get(JAVA_LONG, RLIMIT_BYTES + 8));
    }
}
