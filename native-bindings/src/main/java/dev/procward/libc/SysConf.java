package dev.procward.libc;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

/** glibc {@code sysconf} for the two values /proc parsing needs; each read once per JVM. */
public final class SysConf {

    private SysConf() {}

    static final int SC_CLK_TCK = 2;
    static final int SC_PAGESIZE = 30;

    private static final class Handle {
        static final MethodHandle SYSCONF = Native.downcall("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    }

    private static final class Values {
        static final long CLOCK_TICKS = sysconf(SC_CLK_TCK, "_SC_CLK_TCK");
        static final long PAGE_SIZE = sysconf(SC_PAGESIZE, "_SC_PAGESIZE");
    }

    /** _SC_CLK_TCK: the unit of utime/stime/starttime in /proc/PID/stat (100 on Linux). */
    public static long clockTicks() {
        return Values.CLOCK_TICKS;
    }

    /** _SC_PAGESIZE: the unit of /proc/PID/statm (4096 on x86_64, 4096/16384/65536 on aarch64). */
    public static long pageSize() {
        return Values.PAGE_SIZE;
    }

    private static long sysconf(int name, String what) {
        CallState cs = CallState.current();
        long r;
        try {
            r = (long) Handle.SYSCONF.invokeExact(cs.capture, name);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        if (r == -1) throw cs.failure("sysconf", what);
        return r;
    }
}
