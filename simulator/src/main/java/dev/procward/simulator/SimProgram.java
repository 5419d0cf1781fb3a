package dev.procward.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a simulated program does once exec'd: the simulator has no code to run, so a program is a
 * handful of habits (exit after a while, trap or ignore signals, leave orphans or zombies, block
 * in D-state...). {@link SimPrograms} maps an argv to one.
 *
 * @param exitCode   exit(code) after {@code exitAfter}; null: never exits by itself
 * @param children   direct children that live {@code childLife} (null: until killed)
 * @param orphans    grandchildren left behind by an intermediate that exits at once
 * @param zombies    children that exit at once and are never waited for
 * @param childTrap  a child that traps this signal and exits {@code childTrapCode}; the program then
 *                   exits with the child's status
 */
public record SimProgram(Integer exitCode, Duration exitAfter, int killSelf, Map<Integer, Integer> traps,
                         Set<Integer> ignores, int children, Duration childLife, int orphans, Duration orphanLife,
                         int zombies, int childTrap, int childTrapCode, boolean reap, boolean busy, Duration io,
                         String wchan, long rssKb) {

    /**
     * A trapping program does not die the instant its handler is entered: the handler runs, the
     * program cleans up and exits. One millisecond of virtual time stands for that work, so that,
     * as on Linux, a process killed by a default action is gone before one that exits by a trap.
     */
    public static final Duration HANDLER_LATENCY = Duration.ofMillis(1);

    public static Builder builder() {
        return new Builder();
    }

    /** Gives the freshly exec'd process {@code pid} these habits. */
    public void install(SimulatedKernel k, int pid) throws SimErrno {
        for (int sig : ignores) k.sigaction(pid, sig, Disposition.IGNORE);
        for (var t : traps.entrySet()) k.onSignal(pid, t.getKey(), new Reaction.ExitAfter(t.getValue(), HANDLER_LATENCY));
        if (rssKb > 0) k.setMemory(pid, rssKb, rssKb * 3);
        if (reap) k.setReaper(pid, true);
        if (busy) k.setBusy(pid, true);
        long start = k.now();
        for (int i = 0; i < children; i++) startSleeper(k, pid, childLife);
        if (orphans > 0) {
            int middle = k.fork(pid);
            for (int i = 0; i < orphans; i++) startSleeper(k, middle, orphanLife);
            k.exit(middle, 0);
            k.setReaper(pid, true);
        }
        for (int i = 0; i < zombies; i++) {
            int z = k.fork(pid);
            k.exec(z, List.of("worker"));
            k.exit(z, 0);
        }
        if (childTrap > 0) {
            int c = k.fork(pid);
            k.exec(c, List.of("trapper"));
            k.onSignal(c, childTrap, new Reaction.ExitAfter(childTrapCode, HANDLER_LATENCY));
            k.setExitWithChild(pid, true);
        }
        if (io != null) k.diskSleep(pid, io.isNegative() ? null : io, wchan);
        if (killSelf > 0) k.at(start, () -> {
            try {
                if (k.exists(pid)) k.kill(pid, pid, killSelf);
            } catch (SimErrno ignored) {
                // gone or unable to act: nothing to kill
            }
        });
        if (exitCode != null) k.exitAfter(pid, exitCode, exitAfter);
    }

    private static void startSleeper(SimulatedKernel k, int parent, Duration life) throws SimErrno {
        int c = k.fork(parent);
        k.exec(c, List.of("sleep", life == null ? "infinity" : String.valueOf(life.toMillis() / 1000.0)));
        if (life != null) k.exitAfter(c, 0, life);
    }

    public static final class Builder {
        private Integer exitCode;
        private Duration exitAfter = Duration.ZERO;
        private int killSelf;
        private final Map<Integer, Integer> traps = new LinkedHashMap<>();
        private final Set<Integer> ignores = new LinkedHashSet<>();
        private int children, orphans, zombies, childTrap, childTrapCode;
        private Duration childLife, orphanLife, io;
        private String wchan = "io_schedule";
        private boolean reap, busy;
        private long rssKb;

        public Builder exit(int code, Duration after) { exitCode = code; exitAfter = after; return this; }
        public Builder killSelf(int sig) { killSelf = sig; return this; }
        public Builder trap(int sig, int code) { traps.put(sig, code); return this; }
        public Builder ignore(int sig) { ignores.add(sig); return this; }
        public Builder children(int n, Duration life) { children = n; childLife = life; return this; }
        public Builder orphans(int n, Duration life) { orphans = n; orphanLife = life; return this; }
        public Builder zombies(int n) { zombies = n; return this; }
        public Builder childTrap(int sig, int code) { childTrap = sig; childTrapCode = code; return this; }
        public Builder reap() { reap = true; return this; }
        public Builder busy() { busy = true; return this; }
        /** D-state for {@code d}; a negative duration blocks for ever. */
        public Builder io(Duration d, String wchan) { io = d; this.wchan = wchan; return this; }
        public Builder rssKb(long kb) { rssKb = kb; return this; }

        public SimProgram build() {
            return new SimProgram(exitCode, exitAfter, killSelf, Map.copyOf(traps), Set.copyOf(ignores), children,
                    childLife, orphans, orphanLife, zombies, childTrap, childTrapCode, reap, busy, io, wchan, rssKb);
        }
    }
}
