package dev.procward.cli.init;

import dev.procward.supervisor.Accounts;
import dev.procward.supervisor.EventSink;
import dev.procward.supervisor.JsonLinesEvents;
import dev.procward.supervisor.Kernel;
import dev.procward.supervisor.KernelException;
import dev.procward.supervisor.LaunchChain;
import dev.procward.supervisor.LinuxKernel;
import dev.procward.supervisor.Reporter;
import dev.procward.supervisor.StartState;
import dev.procward.supervisor.Supervisor;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The lean start-up path of {@code procward init} and of the tini and dumb-init personalities:
 * hand-written parsing, the launch chain, then the supervision loop. Loads no picocli.
 */
public final class InitMain {
    private InitMain() {}

    /** Returned when the full picocli help was asked for ({@code procward init --help}). */
    public static final int SHOW_HELP = -1;

    public static int run(Personality personality, String[] args) {
        int pid = (int) ProcessHandle.current().pid();
        InitRequest request = InitCommandLine.parse(personality, Arrays.asList(args), System.getenv(), pid);
        // instanceof, not a pattern switch: its bootstrap spins a class at start-up (measured in docs/init.md)
        if (request instanceof InitRequest.Run run) return supervise(run);
        if (request instanceof InitRequest.Exit exit) return print(exit);
        return SHOW_HELP;
    }

    private static int print(InitRequest.Exit exit) {
        System.out.print(exit.out());
        System.out.flush();
        System.err.print(exit.err());
        System.err.flush();
        return exit.code();
    }

    private static int supervise(InitRequest.Run run) {
        if (dev.procward.cli.sim.SimulatedInit.wanted()) return dev.procward.cli.sim.SimulatedInit.supervise(run, System.err);
        StartState start = LaunchChain.ensureSignalsBlocked();
        int pid = (int) ProcessHandle.current().pid();
        Reporter reporter = switch (run.personality()) {
            case PROCWARD -> Reporter.tiniStyle("procward", run.verbosity(), () -> pid, System.err, System.err);
            case TINI -> Reporter.tiniStyle("tini", run.verbosity(), () -> pid, System.err, System.out);
            case DUMB_INIT -> Reporter.dumbInitStyle(run.verbosity() > 1, System.err);
        };
        Kernel.SpawnSpec base = run.config().child();
        try {
            Optional<Kernel.Credentials> credentials = run.user().map(u -> Accounts.system().resolve(u));
            run.config().child(new Kernel.SpawnSpec(base.argv(), base.newProcessGroup(), base.newSession(),
                    base.takeTerminal(), credentials, run.nice(), run.sched()));
        } catch (IllegalArgumentException e) {
            reporter.log(Reporter.Level.FATAL, e.getMessage());
            return 1;
        }
        try (EventSink events = openEvents(run.events());
             Kernel kernel = new LinuxKernel(start)) {
            return new Supervisor(kernel, run.config().build(), reporter, events).run();
        } catch (IOException e) {
            reporter.log(Reporter.Level.FATAL, "cannot open the events file: " + e.getMessage());
            return 1;
        } catch (KernelException e) {
            reporter.log(Reporter.Level.FATAL, e.getMessage());
            return 1;
        }
    }

    private static EventSink openEvents(Optional<String> target) throws IOException {
        if (target.isEmpty()) return EventSink.NONE;
        if (target.get().equals("-")) return new JsonLinesEvents(new PrintStream(new FileOutputStream(java.io.FileDescriptor.out)), false);
        return new JsonLinesEvents(new FileOutputStream(target.get(), true), true);
    }
}
