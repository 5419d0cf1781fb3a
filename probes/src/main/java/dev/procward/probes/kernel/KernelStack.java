package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/task/TID/stack}: the kernel stack of a thread, innermost frame first, one line
 * per frame such as {@code [<0>] fuse_simple_request+0x1a4/0x2f0}. Reading it needs root
 * (CAP_SYS_ADMIN) and some kernels refuse it to everyone; {@link #read} then answers a DENIED gap.
 */
public record KernelStack(List<String> frames) {
    public KernelStack {
        frames = List.copyOf(frames);
    }

    /** The innermost frame, or empty for a stack with no frames (a thread in user space). */
    public String top() {
        return frames.isEmpty() ? "" : frames.getFirst();
    }

    /** The first frame that is not generic scheduling glue: what the thread actually waits on. */
    public String waitingIn() {
        for (String f : frames) {
            if (!f.startsWith("__schedule") && !f.startsWith("schedule") && !f.startsWith("io_schedule")
                    && !f.startsWith("__switch_to") && !f.startsWith("do_wait_for_common")
                    && !f.startsWith("__wait_for_common") && !f.startsWith("wait_for_completion")) {
                return f;
            }
        }
        return top();
    }

    public static KernelStack parse(String text) {
        List<String> frames = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String s = line.strip();
            int close = s.indexOf("] ");
            if (!s.startsWith("[<") || close < 0) {
                throw new ProcParseException("stack", "not a frame: " + Parse.abbreviate(s));
            }
            String symbol = s.substring(close + 2).strip();
            int plus = symbol.indexOf('+');
            String name = plus >= 0 ? symbol.substring(0, plus) : symbol;
            if (name.isEmpty()) throw new ProcParseException("stack", "frame without a symbol");
            frames.add(name);
        }
        return new KernelStack(frames);
    }

    public static Readout<KernelStack> read(Path procRoot, int pid, int tid) {
        return ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("task")
                .resolve(Integer.toString(tid)).resolve("stack")).map(KernelStack::parse);
    }
}
