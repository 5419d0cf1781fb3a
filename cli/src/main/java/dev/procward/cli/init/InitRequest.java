package dev.procward.cli.init;

import dev.procward.supervisor.SchedPolicy;
import dev.procward.supervisor.SupervisorConfig;

import java.util.Optional;
import java.util.OptionalInt;

/** What an init command line asks for: print and exit, show the full help, or supervise. */
public sealed interface InitRequest {

    /** Print {@code out} to stdout and {@code err} to stderr, then exit with {@code code}. */
    record Exit(int code, String out, String err) implements InitRequest {}

    /** {@code procward init --help}: rendered by picocli, off the lean start-up path. */
    record Help() implements InitRequest {}

    /**
     * Supervise. {@code user}, {@code nice} and {@code sched} are resolved into the spawn spec at
     * launch (the user name needs /etc/passwd).
     */
    record Run(Personality personality, SupervisorConfig.Builder config, int verbosity, Optional<String> events,
               Optional<String> user, OptionalInt nice, Optional<SchedPolicy> sched) implements InitRequest {}
}
