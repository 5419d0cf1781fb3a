package dev.procward.simulator;

import dev.procward.supervisor.Kernel;
import dev.procward.supervisor.Programs;
import dev.procward.supervisor.SupervisionContract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * procward's own supervision loop, unchanged, on the simulated kernel: every scenario of the
 * shared contract, deterministic in virtual time.
 */
class SimulatedSupervisionTest extends SupervisionContract {

    private SimulatedSupervisorKernel sim;

    @Override
    protected Kernel newKernel() throws Exception {
        sim = SimulatedSupervisorKernel.asChildOfInit(new SimulatedKernel(SimConfig.host()), List.of("procward", "init"));
        return sim;
    }

    @Override
    protected Programs programs() {
        return new SimulatedPrograms();
    }

    private final class SimulatedPrograms implements Programs {
        @Override public List<String> exitWith(int code) { return simprog("--exit", String.valueOf(code)); }
        @Override public List<String> killSelf(int signal) { return simprog("--kill-self", String.valueOf(signal)); }
        @Override public List<String> missing() { return List.of("no-such-program-anywhere"); }
        @Override public List<String> notExecutable() { return List.of("/etc/passwd"); }

        @Override
        public List<String> leaveOrphans(int n, Duration orphanLife) {
            return simprog("--children", n + ":" + orphanLife.toMillis() + "ms", "--exit", "0");
        }

        @Override
        public Program trapping(int signal, int code) {
            return running(simprog("--trap", signal + ":" + code), 1);
        }

        @Override
        public Program ignoring(int signal) {
            return running(simprog("--ignore", String.valueOf(signal)), 1);
        }

        @Override
        public Program ignoringParentOfTrapping(int signal, int code) {
            return running(simprog("--ignore", String.valueOf(signal), "--child-trap", signal + ":" + code), 1);
        }

        @Override
        public Program orphansThenTrapping(int n, int signal) {
            return running(simprog("--orphans", String.valueOf(n), "--trap", signal + ":0"), n + 1);
        }

        /** Ready once the supervisor holds {@code children} live children and the program's habits are set. */
        private Program running(List<String> argv, int children) {
            return new Program(argv, timeout -> {
                boolean ready = sim.awaitCondition(k -> k.children(sim.pid()).stream()
                        .map(k::process).flatMap(java.util.Optional::stream)
                        .filter(v -> v.state() == ProcState.SLEEPING).count() >= children
                        && k.children(sim.pid()).stream().anyMatch(c -> k.process(c).map(v -> v.argv().equals(argv)).orElse(false)), timeout);
                if (!ready) throw new AssertionError("program never became ready: " + argv);
            });
        }

        private static List<String> simprog(String... options) {
            List<String> argv = new ArrayList<>(List.of("simprog"));
            argv.addAll(List.of(options));
            return argv;
        }
    }
}
