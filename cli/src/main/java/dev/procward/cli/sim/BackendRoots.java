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

    private BackendRoots() {}

    public static Optional<Path> procRootFor(String command, PrintWriter err) {
        Backend chosen = Backend.selected();
        return switch (chosen.effective()) {
            case linux -> {
                if (!Backend.linuxHost()) {
                    throw new UserError("--backend linux: this host runs " + Backend.hostOs() + ", not Linux; use --backend auto, oshi or sim");
                }
                yield Optional.empty();
            }
            case sim -> {
                err.println("procward: simulated host (scenario " + SimulatedHost.scenarioName() + ", --backend sim)");
                yield Optional.of(SimulatedHost.procRoot());
            }
            case oshi -> {
                if (OSHI_SERVES.contains(command)) yield Optional.of(OshiHost.procRoot());
                err.println("procward: " + command + " needs Linux; showing the simulated host (scenario "
                        + SimulatedHost.scenarioName() + ") instead");
                yield Optional.of(SimulatedHost.procRoot());
            }
            case auto -> throw new IllegalStateException("effective() never returns auto");
        };
    }
}
