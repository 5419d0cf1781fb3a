package dev.procward.libc;

/**
 * Runs in a child JVM that leads a new session with a pty slave on fd 0 as its controlling
 * terminal. Hands the foreground to a spawned child (addtcsetpgrp_np), takes it back with
 * tcsetpgrp while ignoring SIGTTOU (as an init does), and prints what tcgetpgrp saw each time.
 */
public final class TtyProbe {

    public static void main(String[] args) {
        int self = Processes.pid();
        System.out.println("self=" + self);
        System.out.println("foreground-at-start=" + Processes.tcgetpgrp(0));
        int child = Spawn.command("sleep", "30").processGroup(0).foregroundTerminal(0).start();
        System.out.println("child=" + child);
        System.out.println("foreground-after-spawn=" + Processes.tcgetpgrp(0));
        Signals.setDisposition(Signal.SIGTTOU.number(), Signals.Disposition.IGNORE);
        Processes.tcsetpgrp(0, Processes.getpgid(0));
        System.out.println("foreground-after-tcsetpgrp=" + Processes.tcgetpgrp(0));
        Signals.kill(child, Signal.SIGKILL);
        Wait.waitid(Wait.IdType.PID, child, Wait.WEXITED);
        System.exit(0);
    }
}
