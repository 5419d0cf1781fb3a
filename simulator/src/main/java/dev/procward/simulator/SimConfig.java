package dev.procward.simulator;

/**
 * How the simulated machine is built.
 *
 * @param pidMax        /proc/sys/kernel/pid_max; pids run from 1 to pidMax-1
 * @param globalInit    PID 1 is the host's init (true) or the init of a child PID namespace (false):
 *                      only the global init is immune to SIGKILL/SIGSTOP from everyone, and only it
 *                      does not count as an outside link of a process group
 * @param coreDumps     RLIMIT_CORE above zero: a core-action death sets the core flag in the status
 * @param seed          seeds every random choice a scenario makes
 * @param initComm      the name PID 1 carries
 */
public record SimConfig(int pidMax, boolean globalInit, boolean coreDumps, long seed, String initComm) {
    public static SimConfig host() {
        return new SimConfig(32768, true, false, 1, "init");
    }

    public static SimConfig namespace() {
        return new SimConfig(32768, false, false, 1, "init");
    }

    public SimConfig withPidMax(int n) {
        return new SimConfig(n, globalInit, coreDumps, seed, initComm);
    }

    public SimConfig withSeed(long s) {
        return new SimConfig(pidMax, globalInit, coreDumps, s, initComm);
    }

    public SimConfig withInitComm(String c) {
        return new SimConfig(pidMax, globalInit, coreDumps, seed, c);
    }

    public SimConfig withCoreDumps(boolean c) {
        return new SimConfig(pidMax, globalInit, c, seed, initComm);
    }
}
