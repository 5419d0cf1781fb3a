package dev.procward.cli.diag;

import dev.procward.probes.diag.Severity;

/**
 * Exit codes of the diagnostic commands, above the shared 0/1/2 of
 * {@link dev.procward.cli.ExitCodes}: monitoring scripts can tell "the host needs attention" from
 * "the command failed".
 */
public final class DiagExitCodes {
    private DiagExitCodes() {}

    /** doctor: the worst finding is a warning; zombies: --fail-over reached. */
    public static final int WARNING = 3;
    /** doctor: the worst finding is critical. */
    public static final int CRITICAL = 4;

    public static int of(Severity worst) {
        return switch (worst) {
            case OK, INFO -> 0;
            case WARNING -> WARNING;
            case CRITICAL -> CRITICAL;
        };
    }

    public static final String DOCTOR_HELP = """
            Exit codes:
              0   no finding worse than info
              1   the command failed (unreadable --proc-root, I/O error)
              2   usage error
              3   the worst finding is a warning
              4   the worst finding is critical
            """;

    public static final String ZOMBIES_HELP = """
            Exit codes:
              0   fewer zombies than --fail-over (or no --fail-over)
              1   the command failed
              2   usage error
              3   --fail-over N given and there are N or more zombies
            """;

    public static final String SIGNAL_HELP = """
            Exit codes:
              0   every target was signalled (and, with --wait, went away)
              1   no process matched, or a signal could not be sent (EPERM, pid reused, already gone)
              2   usage error (bad signal, target or option)
              3   --wait: at least one target was still there when the wait ended
            """;
}
