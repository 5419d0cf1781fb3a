package dev.procward.supervisor;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How one supervision run behaves. Built by the command line ({@code procward init}, or the tini
 * and dumb-init personalities); every field has the meaning its flag documents.
 *
 * @param child            what to spawn, including process group, session and terminal
 * @param signalGroup      forward signals to the child's process group instead of the child alone
 * @param rewrites         signal s is forwarded as rewrites.get(s); 0 means dropped (dumb-init -r)
 * @param stopSelfOnTtyStop after forwarding TSTP, TTIN or TTOU, stop the supervisor itself (dumb-init)
 * @param termGroupOnExit  when the main child exits, send (the rewrite of) TERM to its group (dumb-init)
 * @param remapToZero      exit codes reported as 0 (tini -e)
 * @param execFailure      exit codes for a program that cannot be executed
 * @param grace            after a forwarded TERM or INT, SIGKILL whatever is left once this has passed
 * @param waitAll          exit only when every descendant is gone
 * @param signalOrphans    send shutdown signals to adopted orphans too, and TERM them when the main child exits
 * @param restart          what to do when the main child exits
 * @param warnOnReap       log every reaped process other than the main child at warning level (tini -w)
 * @param registerSubreaper when not PID 1, register as child subreaper before spawning
 * @param warnIfNotReaping when neither PID 1 nor subreaper, warn with tini's wording
 * @param parentDeathSignal signal the supervisor asks for when its own parent dies (tini -p)
 */
public record SupervisorConfig(
        Kernel.SpawnSpec child,
        boolean signalGroup,
        Map<Integer, Integer> rewrites,
        boolean stopSelfOnTtyStop,
        boolean termGroupOnExit,
        Set<Integer> remapToZero,
        ExecFailureCodes execFailure,
        Optional<Duration> grace,
        boolean waitAll,
        boolean signalOrphans,
        RestartPolicy restart,
        boolean warnOnReap,
        boolean registerSubreaper,
        boolean warnIfNotReaping,
        OptionalInt parentDeathSignal) {

    public SupervisorConfig {
        rewrites = Map.copyOf(rewrites);
        remapToZero = Set.copyOf(remapToZero);
    }

    public static Builder builder(Kernel.SpawnSpec child) {
        return new Builder(child);
    }

    /** Starts from tini's defaults; each setter names the flag it stands for. */
    public static final class Builder {
        private Kernel.SpawnSpec child;
        private boolean signalGroup, stopSelfOnTtyStop, termGroupOnExit, waitAll, signalOrphans, warnOnReap;
        private boolean registerSubreaper, warnIfNotReaping = true;
        private final java.util.HashMap<Integer, Integer> rewrites = new java.util.HashMap<>();
        private final java.util.HashSet<Integer> remapToZero = new java.util.HashSet<>();
        private ExecFailureCodes execFailure = ExecFailureCodes.SHELL;
        private Optional<Duration> grace = Optional.empty();
        private RestartPolicy restart = RestartPolicy.NEVER;
        private OptionalInt parentDeathSignal = OptionalInt.empty();

        private Builder(Kernel.SpawnSpec child) { this.child = child; }

        public Builder child(Kernel.SpawnSpec c) { child = c; return this; }
        public Builder signalGroup(boolean b) { signalGroup = b; return this; }
        public Builder rewrite(int from, int to) { rewrites.put(from, to); return this; }
        public Builder rewriteIfAbsent(int from, int to) { rewrites.putIfAbsent(from, to); return this; }
        public Builder stopSelfOnTtyStop(boolean b) { stopSelfOnTtyStop = b; return this; }
        public Builder termGroupOnExit(boolean b) { termGroupOnExit = b; return this; }
        public Builder remapToZero(int code) { remapToZero.add(code); return this; }
        public Builder execFailure(ExecFailureCodes c) { execFailure = c; return this; }
        public Builder grace(Duration d) { grace = Optional.of(d); return this; }
        public Builder waitAll(boolean b) { waitAll = b; return this; }
        public Builder signalOrphans(boolean b) { signalOrphans = b; return this; }
        public Builder restart(RestartPolicy r) { restart = r; return this; }
        public Builder warnOnReap(boolean b) { warnOnReap = b; return this; }
        public Builder registerSubreaper(boolean b) { registerSubreaper = b; return this; }
        public Builder warnIfNotReaping(boolean b) { warnIfNotReaping = b; return this; }
        public Builder parentDeathSignal(int s) { parentDeathSignal = OptionalInt.of(s); return this; }

        public Kernel.SpawnSpec child() { return child; }

        public SupervisorConfig build() {
            return new SupervisorConfig(child, signalGroup, rewrites, stopSelfOnTtyStop, termGroupOnExit, remapToZero,
                    execFailure, grace, waitAll, signalOrphans, restart, warnOnReap, registerSubreaper,
                    warnIfNotReaping, parentDeathSignal);
        }
    }

    /** Exit codes for exec failures: the shell's 127/126 (tini), or dumb-init's 2 for both. */
    public record ExecFailureCodes(int notFound, int notExecutable, int other) {
        public static final ExecFailureCodes SHELL = new ExecFailureCodes(127, 126, 1);
        public static final ExecFailureCodes DUMB_INIT = new ExecFailureCodes(2, 2, 2);

        public int forErrno(String errnoName) {
            return switch (errnoName) {
                case "ENOENT" -> notFound;
                case "EACCES" -> notExecutable;
                default -> other;
            };
        }
    }
}
