package dev.procward.cli;

/**
 * A failure the user can act on: printed as one line, never with a stack trace. The exit code is
 * {@link ExitCodes#FAILURE} unless given.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCodes.FAILURE);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
