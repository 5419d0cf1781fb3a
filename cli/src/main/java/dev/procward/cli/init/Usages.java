package dev.procward.cli.init;

/** The help texts of the tini and dumb-init personalities, laid out as the originals print them. */
final class Usages {
    private Usages() {}

    static String tini() {
        return """
                tini (%s, procward)
                Usage: tini [OPTIONS] PROGRAM -- [ARGS] | --version

                Execute a program under the supervision of a valid init process (tini)

                Command line options:

                  --version: Show version and exit.
                  -h: Show this help message and exit.
                  -s: Register as a process subreaper (requires Linux >= 3.4).
                  -p SIGNAL: Trigger SIGNAL when parent dies, e.g. "-p SIGKILL".
                  -v: Generate more verbose output. Repeat up to 3 times.
                  -w: Print a warning when processes are getting reaped.
                  -g: Send signals to the child's process group.
                  -e EXIT_CODE: Remap EXIT_CODE (from 0 to 255) to 0.
                  -l: Show license and exit.

                Environment variables:

                  TINI_SUBREAPER: Register as a process subreaper (requires Linux >= 3.4).
                  TINI_VERBOSITY: Set the verbosity level (default: 1).
                  TINI_KILL_PROCESS_GROUP: Send signals to the child's process group.

                """.formatted(InitCommandLine.TINI_VERSION);
    }

    static String dumbInit() {
        return InitCommandLine.DUMB_INIT_VERSION + " (procward)\n" + """
                Usage: dumb-init [option] command [[arg] ...]

                dumb-init is a simple process supervisor that forwards signals to children.
                It is designed to run as PID1 in minimal container environments.

                Optional arguments:
                   -c, --single-child   Run in single-child mode.
                                        In this mode, signals are only proxied to the
                                        direct child and not any of its descendants.
                   -r, --rewrite s:r    Rewrite received signal s to new signal r before proxying.
                                        To ignore (not proxy) a signal, rewrite it to 0.
                                        This option can be specified multiple times.
                   -v, --verbose        Print debugging information to stderr.
                   -h, --help           Print this help message and exit.
                   -V, --version        Print the current version and exit.

                """;
    }
}
