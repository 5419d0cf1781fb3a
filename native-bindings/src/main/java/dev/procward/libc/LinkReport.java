package dev.procward.libc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures what the {@code init} path costs to link, in a fresh JVM: run
 * {@code java --enable-native-access=ALL-UNNAMED -cp native-bindings/target/classes dev.procward.libc.LinkReport}
 * (or {@code bench/native-bindings/link-report.sh}).
 *
 * <p>Each step makes the first real call of one init feature, so the time includes linking that
 * feature's handles (and one cheap call each). Prints the steps, then the handle count, the
 * distinct shapes and the libc symbols linked.
 */
public final class LinkReport {

    private LinkReport() {}

    private record Step(String name, double millis) {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        time(steps, "Linker.nativeLinker() + defaultLookup()", () -> {
            Native.initLinker();
            return null;
        });
        time(steps, "syscall() [getpid, getpgid, prctl, kill, rt_sigprocmask]", () -> {
            Processes.pid();
            Processes.getpgid(0);
            Prctl.isChildSubreaper();
            Signals.kill(Processes.pid(), 0);
            return Signals.rtSigprocmask(Signals.How.BLOCK, SignalSet.EMPTY);
        });
        time(steps, "signalfd4 + read", () -> {
            try (SignalFd fd = SignalFd.open(SignalSet.of(Signal.SIGCHLD), true)) {
                return fd.read();
            }
        });
        time(steps, "pidfd_open + pidfd_send_signal", () -> {
            try (Pidfd fd = Pidfd.open(Processes.pid())) {
                fd.sendSignal(0);
            }
            return null;
        });
        time(steps, "posix_spawnp + attrs (mask, sigdef, pgroup) + file actions (closefrom)", () ->
                Spawn.command("true").signalMask(SignalSet.EMPTY).defaultSignals(SignalSet.of(Signal.SIGTERM))
                        .processGroup(0).closeFrom(3).start());
        time(steps, "waitid", () -> Wait.waitid(Wait.IdType.ALL, 0, Wait.WEXITED));
        time(steps, "second spawn + waitid (everything linked)", () -> {
            int pid = Spawn.command("true").signalMask(SignalSet.EMPTY).defaultSignals(SignalSet.of(Signal.SIGTERM))
                    .processGroup(0).closeFrom(3).start();
            return Wait.waitid(Wait.IdType.PID, pid, Wait.WEXITED);
        });
        double total = (System.nanoTime() - start) / 1e6;
        LinkStats stats = LinkStats.current();

        List<Step> extras = new ArrayList<>();
        time(extras, "extra: glibc sigprocmask instead of rt_sigprocmask (+1 shape)",
                () -> Signals.sigprocmask(Signals.How.BLOCK, SignalSet.EMPTY));
        time(extras, "extra: pthread_sigmask (same shape as sigprocmask)",
                () -> Signals.pthreadSigmask(Signals.How.BLOCK, SignalSet.EMPTY));

        for (Step s : steps) System.out.printf("%8.1f ms  %s%n", s.millis, s.name);
        System.out.printf("%8.1f ms  total for the init set%n", total);
        System.out.printf("handles: %d%n", stats.handles());
        System.out.printf("distinct shapes: %d%n", stats.shapes().size());
        for (String shape : stats.shapes()) System.out.println("  " + shape);
        System.out.println("symbols: " + String.join(", ", stats.symbols()));
        for (Step s : extras) System.out.printf("%8.1f ms  %s%n", s.millis, s.name);
    }

    private static void time(List<Step> steps, String name, Supplier<?> action) {
        long t0 = System.nanoTime();
        action.get();
        steps.add(new Step(name, (System.nanoTime() - t0) / 1e6));
    }
}
