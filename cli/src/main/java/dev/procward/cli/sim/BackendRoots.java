package dev.procward.cli.sim;

import dev.procward.cli.Backend;
import dev.procward.cli.UserError;
import dev.procward.cli.oshi.OshiHost;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The /proc an inspector reads under the selected {@code --backend}: empty for the real one; a
 * /proc rendered from OSHI's process list for the commands OSHI can serve; the simulated host for
 * the rest, announced by a one-line banner on stderr.
 */
public final class BackendRoots {
    /** The inspectors OSHI has real data for; the others need Linux's own files. */
    public static final Set<String> OSHI_SERVES = Set.of("ps", "tree", "inspect");
    /** Inspectors that read through java.io.File and so need the rendered host on the default file system. */
    static final Set<String> NEEDS_DEFAULT_FILE_SYSTEM = Set.of("stuck");

    private BackendRoots() {}

    public static Optional<Path> procRootFor(String command, PrintWriter err) {
        Backend chosen = Backend.selected();
        if (command.equals("signal") && chosen.effective() != Backend.linux) {
            // It would look up targets in a rendered /proc and then signal this host's real pids.
            throw new UserError("signal acts on real processes and has no --backend " + chosen.effective()
                    + " form; a scenario's 'kill' statement signals simulated ones");
        }
        return switch (chosen.effective()) {
            case linux -> {
                if (!Backend.linuxHost()) {
                    throw new UserError("--backend linux: this host runs " + Backend.hostOs() + ", not Linux; use --backend auto, oshi or sim");
                }
                yield Optional.empty();
            }
            case sim -> {
                err.println("procward: simulated host (scenario " + SimulatedHost.scenarioName() + ", --backend sim)");
                yield Optional.of(simulated(command));
            }
            case oshi -> {
                if (OSHI_SERVES.contains(command)) yield Optional.of(OshiHost.procRoot());
                err.println("procward: " + command + " needs Linux; showing the simulated host (scenario "
                        + SimulatedHost.scenarioName() + ") instead");
                yield Optional.of(simulated(command));
            }
            case auto -> throw new IllegalStateException("effective() never returns auto");
        };
    }

    private static Path simulated(String command) {
        return NEEDS_DEFAULT_FILE_SYSTEM.contains(command) ? SimulatedHost.procRootOnDisk() : SimulatedHost.procRoot();
    }
}
