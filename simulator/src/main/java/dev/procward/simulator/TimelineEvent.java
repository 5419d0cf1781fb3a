package dev.procward.simulator;

import java.util.List;

/** Something the simulated kernel did, stamped with virtual time in nanoseconds since boot. */
public sealed interface TimelineEvent {
    long time();

    /** One line, without the time stamp. */
    String describe();

    record Forked(long time, int parent, int child, String comm) implements TimelineEvent {
        public String describe() { return "fork   " + parent + " -> " + child + " (" + comm + ")"; }
    }
    record ForkFailed(long time, int parent, String errno) implements TimelineEvent {
        public String describe() { return "fork   " + parent + " failed: " + errno; }
    }
    record Execed(long time, int pid, List<String> argv) implements TimelineEvent {
        public String describe() { return "exec   " + pid + " " + String.join(" ", argv); }
    }
    record Exited(long time, int pid, int status, boolean zombie) implements TimelineEvent {
        public String describe() {
            return "exit   " + pid + " " + WaitStatus.describe(status) + (zombie ? " -> zombie" : " -> reaped at once");
        }
    }
    record Reaped(long time, int reaper, int pid, int status) implements TimelineEvent {
        public String describe() { return "reap   " + reaper + " reaped " + pid + " (" + WaitStatus.describe(status) + ")"; }
    }
    record Reparented(long time, int pid, int from, int to) implements TimelineEvent {
        public String describe() { return "adopt  " + pid + " reparented from " + from + " to " + to; }
    }
    record Sent(long time, int sender, String target, int sig, String result) implements TimelineEvent {
        public String describe() {
            return "kill   " + (sender == 0 ? "outside" : String.valueOf(sender)) + " -> " + target + " " + Signal.name(sig)
                    + (result.equals("ok") ? "" : " (" + result + ")");
        }
    }
    record Caught(long time, int pid, int sig) implements TimelineEvent {
        public String describe() { return "signal " + pid + " caught " + Signal.name(sig); }
    }
    record Discarded(long time, int pid, int sig, String why) implements TimelineEvent {
        public String describe() { return "signal " + pid + " discarded " + Signal.name(sig) + " (" + why + ")"; }
    }
    record Stopped(long time, int pid, int sig) implements TimelineEvent {
        public String describe() { return "stop   " + pid + " by " + Signal.name(sig); }
    }
    record Continued(long time, int pid) implements TimelineEvent {
        public String describe() { return "cont   " + pid; }
    }
    record DiskSleep(long time, int pid, String wchan, long until) implements TimelineEvent {
        public String describe() { return "io     " + pid + " enters D-state in " + wchan; }
    }
    record IoDone(long time, int pid) implements TimelineEvent {
        public String describe() { return "io     " + pid + " I/O completed"; }
    }
    record Note(long time, String text) implements TimelineEvent {
        public String describe() { return "note   " + text; }
    }
}
