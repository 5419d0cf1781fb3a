package dev.procward.supervisor;

import java.time.Duration;
import java.util.List;

/**
 * The child programs {@link SupervisionContract} supervises, described by what they do. Each
 * kernel under test says how to express them: the Linux run uses {@code /bin/sh} scripts, the
 * simulator its own program model.
 */
public interface Programs {

    /** Exits at once with {@code code}. */
    List<String> exitWith(int code);

    /** Kills itself with {@code signal} (default action: death). */
    List<String> killSelf(int signal);

    /** A program name that does not exist anywhere on PATH. */
    List<String> missing();

    /** A file that exists but may not be executed. */
    List<String> notExecutable();

    /** Starts {@code n} children that outlive it by about {@code orphanLife}, then exits 0 at once. */
    List<String> leaveOrphans(int n, Duration orphanLife);

    /** Waits for {@code signal}, then exits with {@code code}; ready once its handler is in place. */
    Program trapping(int signal, int code);

    /** Ignores {@code signal} and never exits by itself. */
    Program ignoring(int signal);

    /**
     * Ignores {@code signal} itself and starts a child in its own process group that exits with
     * {@code code} on {@code signal}; once that child is gone it exits with the same code.
     */
    Program ignoringParentOfTrapping(int signal, int code);

    /** Starts {@code n} orphans that live until killed, then behaves as {@code trapping(signal, 0)}. */
    Program orphansThenTrapping(int n, int signal);

    /** A program plus a way to wait until it is ready to receive signals. */
    record Program(List<String> argv, Readiness readiness) {}

    @FunctionalInterface
    interface Readiness {
        /** Returns once the program is ready; fails the test after {@code timeout}. */
        void await(Duration timeout) throws Exception;
    }
}
