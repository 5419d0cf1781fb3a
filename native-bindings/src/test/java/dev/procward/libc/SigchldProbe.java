package dev.procward.libc;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs in a child JVM started with SIGCHLD already blocked (as an init would be): three children
 * exit together, a signalfd reports SIGCHLD, and a WNOHANG loop reaps them all. Prints
 * {@code records=N} and {@code reaped=code,code,code} for {@link SignalFdTest}.
 */
public final class SigchldProbe {

    public static void main(String[] args) {
        if (!Signals.blocked().contains(Signal.SIGCHLD)) {
            System.out.println("error=SIGCHLD is not blocked in the probe JVM");
            System.exit(3);
        }
        try (SignalFd signals = SignalFd.open(SignalSet.of(Signal.SIGCHLD), true)) {
            int[] gate = Fds.pipe();
            for (int i = 0; i < 3; i++) {
                // each child blocks reading the gate; closing its last writer releases all three at once
                Spawn.command("sh", "-c", "read x; exit " + (10 + i)).dup2(gate[0], 0).signalMask(SignalSet.EMPTY).start();
            }
            Fds.close(gate[0]);
            Fds.close(gate[1]);
            int records = 0;
            Map<Integer, Integer> reaped = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reaped.size() < 3 && System.nanoTime() < deadline) {
                Fds.poll(new int[] {signals.fd()}, Fds.POLLIN, Duration.ofSeconds(1));
                int before = records;
                // The first record decoded whole, the rest by number only: both ways of reading.
                if (records == 0) {
                    var first = signals.read();
                    if (first.isPresent() && first.get().signal() == Signal.SIGCHLD.number()) records++;
                }
                while (signals.readSignal() == Signal.SIGCHLD.number()) records++;
                if (records == before) continue; // reap only on a signalfd record: that is what is tested
                for (ChildStatus.Terminated t : Wait.reapAllExited()) reaped.put(t.shellStatus(), t.pid());
            }
            System.out.println("records=" + records);
            System.out.println("reaped=" + String.join(",", reaped.keySet().stream().map(String::valueOf).toList()));
        }
        System.exit(0);
    }
}
