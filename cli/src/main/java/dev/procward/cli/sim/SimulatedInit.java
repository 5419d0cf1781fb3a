package dev.procward.cli.sim;

import dev.procward.cli.Backend;
import dev.procward.cli.init.InitRequest;
import dev.procward.simulator.SimConfig;
import dev.procward.simulator.SimErrno;
import dev.procward.simulator.SimulatedKernel;
import dev.procward.simulator.SimulatedSupervisorKernel;
import dev.procward.simulator.TimelineEvent;
import dev.procward.supervisor.EventSink;
import dev.procward.supervisor.KernelException;
import dev.procward.supervisor.Reporter;
import dev.procward.supervisor.Supervisor;

import java.io.PrintStream;

/**
 * {@code procward init} off Linux (or with {@code --backend sim}): the same supervision loop as
 * PID 1 of a simulated container, in virtual time, followed by the kernel's timeline. Programs are
 * those the simulator knows (true, false, sleep, yes, a little sh -c, simprog: docs/simulator.md).
 */
public final class SimulatedInit {
    private SimulatedInit() {}

    /** True when init should run on the simulator rather than on this host's kernel. */
    public static boolean wanted() {
        return Backend.selected().effective() != Backend.linux;
    }

    public static int supervise(InitRequest.Run run, PrintStream err) {
        err.println(Backend.selected() == Backend.sim
                ? "procward: init on the simulated kernel (virtual time, --backend sim)"
                : "procward: init needs Linux; running on the simulated kernel instead (virtual time)");
        SimulatedKernel k = new SimulatedKernel(SimConfig.namespace().withInitComm("procward"));
        int code;
        try {
            SimulatedSupervisorKernel port = SimulatedSupervisorKernel.asInit(k);
            port.runAlone();
            Reporter reporter = Reporter.tiniStyle("procward", run.verbosity(), () -> 1, err, err);
            code = new Supervisor(port, run.config().build(), reporter, EventSink.NONE).run();
        } catch (SimErrno e) {
            err.println("procward: " + e.getMessage());
            code = 1;
        } catch (KernelException e) {
            err.println("procward: " + e.getMessage());
            code = 1;
        }
        for (TimelineEvent e : k.timeline()) err.printf("[%9.3fs] %s%n", e.time() / 1e9, e.describe());
        return code;
    }
}
