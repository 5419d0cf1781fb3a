package dev.procward.supervisor;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * Human-readable diagnostics of the loop, in the format of the init being stood in for: scripts
 * match on these lines (for example tini's {@code Reaped zombie process with pid=}).
 */
public interface Reporter {

    enum Level { FATAL, WARN, INFO, DEBUG, TRACE }

    void log(Level level, String message);

    /** False when {@code log(level, ...)} would print nothing: hot paths skip building the message. */
    default boolean enabled(Level level) {
        return true;
    }

    /** The name the init goes by in its messages ("tini", "dumb-init", "procward"). */
    String initName();

    /** The program could not be executed; {@code reason} is strerror's text. */
    void execFailed(String program, String reason);

    /**
     * tini's format: {@code [WARN  tini (1)] message}. Verbosity 1 (the default) shows FATAL and
     * WARN; each step adds a level. INFO and below go to {@code chatter} (tini uses stdout).
     */
    static Reporter tiniStyle(String name, int verbosity, IntSupplier pid, PrintStream errors, PrintStream chatter) {
        return new Reporter() {
            @Override
            public String initName() {
                return name;
            }

            @Override
            public boolean enabled(Level level) {
                return level == Level.FATAL || verbosity >= level.ordinal();
            }

            @Override
            public void log(Level level, String message) {
                if (!enabled(level)) return;
                PrintStream out = level.ordinal() <= Level.WARN.ordinal() ? errors : chatter;
                out.print("[" + padded(level) + " " + name + " (" + pid.getAsInt() + ")] " + message + "\n");
                out.flush();
            }

            @Override
            public void execFailed(String program, String reason) {
                log(Level.FATAL, "exec " + program + " failed: " + reason);
            }
        };
    }

    /** dumb-init's format: {@code [dumb-init] message}, debugging lines only with -v. */
    static Reporter dumbInitStyle(boolean debug, PrintStream errors) {
        return new Reporter() {
            @Override
            public String initName() {
                return "dumb-init";
            }

            @Override
            public boolean enabled(Level level) {
                return level.ordinal() <= Level.WARN.ordinal() || debug;
            }

            @Override
            public void log(Level level, String message) {
                if (!enabled(level)) return;
                errors.print("[dumb-init] " + message + "\n");
                errors.flush();
            }

            @Override
            public void execFailed(String program, String reason) {
                log(Level.FATAL, program + ": " + reason);
            }
        };
    }

    private static String padded(Level level) {
        String n = level.name();
        return n.length() < 5 ? n + " ".repeat(5 - n.length()) : n;
    }
}
