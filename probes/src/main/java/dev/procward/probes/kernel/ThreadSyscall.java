package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code /proc/PID/task/TID/syscall}: what a thread is doing in the kernel. One of three lines:
 * {@code running}; {@code -1 SP PC} for a thread blocked outside any system call (a page fault, a
 * vfork wait…); or {@code NR ARG1 … ARG6 SP PC}.
 */
public sealed interface ThreadSyscall {

    /** On a CPU right now; the kernel cannot say more. */
    record Running() implements ThreadSyscall {}

    /** Blocked in the kernel, but not inside a system call. */
    record NotInSyscall(long stackPointer, long programCounter) implements ThreadSyscall {}

    /** Blocked inside system call {@code number} with its six raw arguments. */
    record InSyscall(int number, List<Long> args, long stackPointer, long programCounter) implements ThreadSyscall {
        public InSyscall {
            args = List.copyOf(args);
        }

        public long arg(int index) {
            return args.get(index);
        }
    }

    static ThreadSyscall parse(String text) {
        String s = text.strip();
        if (s.equals("running")) return new Running();
        String[] f = s.split(" ");
        if (f.length == 3 && f[0].equals("-1")) {
            return new NotInSyscall(Parse.parseHex("syscall", f[1]),
                    Parse.parseHex("syscall", f[2]));
        }
        if (f.length != 9) throw new ProcParseException("syscall", "expected 'running', 3 or 9 fields, got " + f.length);
        int nr = Parse.parseInt("syscall", f[0]);
        if (nr < 0) throw new ProcParseException("syscall", "negative system call number " + nr);
        Long[] args = new Long[6];
        for (int i = 0; i < 6; i++) args[i] = Parse.parseHex("syscall", f[i + 1]);
        return new InSyscall(nr, List.of(args), Parse.parseHex("syscall", f[7]),
                Parse.parseHex("syscall", f[8]));
    }

    static Readout<ThreadSyscall> read(Path procRoot, int pid, int tid) {
        return ProcFiles.readString(procRoot.resolve(Integer.toString(pid)).resolve("task")
                .resolve(Integer.toString(tid)).resolve("syscall")).map(ThreadSyscall::parse);
    }
}
