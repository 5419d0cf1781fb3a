package dev.procward.simulator.scenario;

/** A scenario file that cannot be read or run: the message names the line. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
    }
}
