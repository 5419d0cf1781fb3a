package dev.procward.cli.init;

import dev.procward.libc.Signal;
import dev.procward.supervisor.Durations;
import dev.procward.supervisor.Kernel;
import dev.procward.supervisor.RestartPolicy;
import dev.procward.supervisor.SchedPolicy;
import dev.procward.supervisor.SupervisorConfig;
import dev.procward.supervisor.SupervisorConfig.ExecFailureCodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.procward.supervisor.SignalNames.*;

/**
 * The init command line, parsed by hand so that the PID 1 start-up path loads no picocli. Each
 * personality reads its arguments the way the original does: tini with GNU getopt (options may
 * follow the program unless {@code --} ends them), dumb-init and procward stopping at the first
 * non-option.
 */
public final class InitCommandLine {
    static final String TINI_VERSION = "tini version 0.19.0";
    static final String DUMB_INIT_VERSION = "dumb-init v1.2.5";

    private final Personality personality;
    private final Map<String, String> env;
    private final int pid;

    // parsed state
    private final SupervisorConfig.Builder config = SupervisorConfig.builder(new Kernel.SpawnSpec(List.of("?"), true, false));
    private int verbosity = 1;
    private boolean subreaper;
    private boolean signalGroup;
    private boolean setsid;
    private boolean singleChild;
    private boolean debug;
    private RestartPolicy.Mode restartMode = RestartPolicy.Mode.NO;
    private int maxRestarts = Integer.MAX_VALUE;
    private Optional<String> events = Optional.empty();
    private Optional<String> user = Optional.empty();
    private OptionalInt nice = OptionalInt.empty();
    private Optional<SchedPolicy> sched = Optional.empty();

    private InitCommandLine(Personality personality, Map<String, String> env, int pid) {
        this.personality = personality;
        this.env = env;
        this.pid = pid;
        this.setsid = personality == Personality.DUMB_INIT;
    }

    /**
     * Parses {@code args} (what follows "init", or everything for tini/dumb-init). {@code pid} is
     * only used in tini-formatted error lines.
     */
    public static InitRequest parse(Personality personality, List<String> args, Map<String, String> env, int pid) {
        return new InitCommandLine(personality, env, pid).parse(args);
    }

    /** A usage error: the message is printed as is, and the exit code is the personality's. */
    private static final class Usage extends RuntimeException {
        final InitRequest.Exit exit;

        Usage(InitRequest.Exit exit) {
            super(null, null, false, false);
            this.exit = exit;
        }
    }

    private InitRequest parse(List<String> args) {
        try {
            if (personality == Personality.TINI && args.size() == 1 && args.getFirst().equals("--version")) {
                return new InitRequest.Exit(0, TINI_VERSION + " (procward)\n", "");
            }
            List<String> command = new ArrayList<>();
            InitRequest early = scan(args, command);
            if (early != null) return early;
            if (command.isEmpty()) throw usage("no program to run");
            return build(command);
        } catch (Usage u) {
            return u.exit;
        }
    }

    /** getopt-like scan; returns an early exit (help, version, licence) or null. */
    private InitRequest scan(List<String> args, List<String> command) {
        boolean permute = personality == Personality.TINI;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                command.addAll(args.subList(i + 1, args.size()));
                return null;
            }
            if (a.startsWith("--") && personality != Personality.TINI) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (takesValue(name) && value == null) {
                    if (i + 1 >= args.size()) throw usage("option '--" + name + "' requires an argument");
                    value = args.get(++i);
                } else if (!takesValue(name) && value != null) {
                    throw usage("option '--" + name + "' doesn't allow an argument");
                }
                InitRequest r = longOption(name, value);
                if (r != null) return r;
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int j = 1; j < a.length(); j++) {
                    char c = a.charAt(j);
                    String value = null;
                    if (shortTakesValue(c)) {
                        if (j + 1 < a.length()) value = a.substring(j + 1);
                        else if (i + 1 < args.size()) value = args.get(++i);
                        else throw usage("option requires an argument -- '" + c + "'");
                        j = a.length();
                    }
                    InitRequest r = shortOption(c, value);
                    if (r != null) return r;
                }
            } else if (permute) {
                command.add(a);
            } else {
                command.addAll(args.subList(i, args.size()));
                return null;
            }
        }
        return null;
    }

    private boolean shortTakesValue(char c) {
        return switch (personality) {
            case TINI -> c == 'p' || c == 'e';
            case DUMB_INIT -> c == 'r';
            case PROCWARD -> c == 'p' || c == 'e' || c == 'r';
        };
    }

    private static boolean takesValue(String longName) {
        return switch (longName) {
            case "rewrite", "grace", "restart", "max-restarts", "events", "user", "nice", "sched", "pdeathsig", "remap-exit" -> true;
            default -> false;
        };
    }

    private InitRequest shortOption(char c, String value) {
        boolean tini = personality != Personality.DUMB_INIT;
        boolean dumb = personality != Personality.TINI;
        switch (c) {
            case 'h': return help();
            case 'v':
                if (personality == Personality.DUMB_INIT) debug = true;
                else verbosity++;
                return null;
            case 's': if (tini) { subreaper = true; return null; } break;
            case 'p': if (tini) { parentDeath(value); return null; } break;
            case 'w': if (tini) { config.warnOnReap(true); return null; } break;
            case 'g': if (tini) { signalGroup = true; return null; } break;
            case 'e': if (tini) { remap(value); return null; } break;
            case 'l': if (tini) return new InitRequest.Exit(0, License.TEXT, ""); break;
            case 'c': if (dumb) { singleChild = true; return null; } break;
            case 'r': if (dumb) { rewrite(value); return null; } break;
            case 'V': if (personality == Personality.DUMB_INIT) return new InitRequest.Exit(0, "", DUMB_INIT_VERSION + " (procward)\n"); break;
            default: break;
        }
        throw usage("invalid option -- '" + c + "'");
    }

    private InitRequest longOption(String name, String value) {
        if (personality == Personality.DUMB_INIT) {
            return switch (name) {
                case "help" -> help();
                case "single-child" -> { singleChild = true; yield null; }
                case "rewrite" -> { rewrite(value); yield null; }
                case "verbose" -> { debug = true; yield null; }
                case "version" -> new InitRequest.Exit(0, "", DUMB_INIT_VERSION + " (procward)\n");
                default -> throw usage("unrecognized option '--" + name + "'");
            };
        }
        switch (name) {
            case "help" -> { return help(); }
            case "version" -> { return new InitRequest.Exit(0, "procward " + version() + " init (" + TINI_VERSION + ", " + DUMB_INIT_VERSION + " compatible)\n", ""); }
            case "verbose" -> verbosity++;
            case "subreaper" -> subreaper = true;
            case "pdeathsig" -> parentDeath(value);
            case "warn-on-reap" -> config.warnOnReap(true);
            case "process-group" -> signalGroup = true;
            case "remap-exit" -> remap(value);
            case "setsid" -> setsid = true;
            case "single-child" -> singleChild = true;
            case "rewrite" -> rewrite(value);
            case "grace" -> config.grace(valid(() -> Durations.parse(value)));
            case "wait-all" -> config.waitAll(true);
            case "signal-orphans" -> config.signalOrphans(true);
            case "restart" -> restartMode = switch (value) {
                case "no" -> RestartPolicy.Mode.NO;
                case "on-failure" -> RestartPolicy.Mode.ON_FAILURE;
                case "always" -> RestartPolicy.Mode.ALWAYS;
                default -> throw usage("--restart takes no, on-failure or always, not '" + value + "'");
            };
            case "max-restarts" -> {
                maxRestarts = number(value, "--max-restarts");
                if (maxRestarts < 0) throw usage("--max-restarts must be >= 0");
            }
            case "events" -> events = Optional.of(value);
            case "user" -> user = Optional.of(value);
            case "nice" -> {
                int n = number(value, "--nice");
                if (n < -20 || n > 19) throw usage("--nice must be between -20 and 19, not " + n);
                nice = OptionalInt.of(n);
            }
            case "sched" -> sched = Optional.of(valid(() -> SchedPolicy.parse(value)));
            default -> throw usage("unrecognized option '--" + name + "'");
        }
        return null;
    }

    private InitRequest help() {
        return switch (personality) {
            case PROCWARD -> new InitRequest.Help();
            case TINI -> new InitRequest.Exit(0, Usages.tini(), "");
            case DUMB_INIT -> new InitRequest.Exit(0, "", Usages.dumbInit());
        };
    }

    private void parentDeath(String value) {
        // tini accepts only the SIG-prefixed names of its table; procward also takes numbers and short names.
        OptionalInt sig = OptionalInt.empty();
        try {
            if (personality != Personality.TINI || value.startsWith("SIG")) sig = OptionalInt.of(Signal.parse(value));
        } catch (IllegalArgumentException ignored) {
            // reported below with tini's wording
        }
        if (sig.isEmpty()) throw fatal("Not a valid option for -p: " + value);
        config.parentDeathSignal(sig.getAsInt());
    }

    private void remap(String value) {
        int code;
        try {
            code = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw fatal("Not a valid option for -e: " + value);
        }
        if (code < 0 || code > 255) throw fatal("Not a valid option for -e: " + value);
        config.remapToZero(code);
    }

    private void rewrite(String value) {
        String[] p = value.split(":", 2);
        int from;
        int to;
        try {
            from = Integer.parseInt(p[0].strip());
            to = p.length == 2 ? Integer.parseInt(p[1].strip()) : -1;
        } catch (NumberFormatException e) {
            from = -1;
            to = -1;
        }
        if (from < 1 || from > 31 || to < 0 || to > 31) {
            if (personality == Personality.DUMB_INIT) {
                throw new Usage(new InitRequest.Exit(1, "", "Usage: -r option takes <signum>:<signum>, where <signum> is between 1 and 31.\n"
                        + "This option can be specified multiple times.\nUse --help for full usage.\n"));
            }
            throw usage("--rewrite takes s:r with signal numbers 1..31 (r=0 drops s), not '" + value + "'");
        }
        config.rewrite(from, to);
    }

    private InitRequest build(List<String> command) {
        applyEnvironment();
        boolean dumbInitMode = setsid;
        boolean groupSignals = dumbInitMode ? !singleChild : signalGroup;
        boolean ownGroup = personality != Personality.DUMB_INIT || dumbInitMode;
        config.child(new Kernel.SpawnSpec(command, ownGroup && !dumbInitMode, dumbInitMode, ownGroup && !dumbInitMode,
                Optional.empty(), OptionalInt.empty(), Optional.empty()));
        config.signalGroup(groupSignals);
        if (dumbInitMode) {
            config.rewriteIfAbsent(TSTP, STOP).rewriteIfAbsent(TTOU, STOP).rewriteIfAbsent(TTIN, STOP);
            config.termGroupOnExit(groupSignals);
        }
        config.stopSelfOnTtyStop(dumbInitMode || personality == Personality.DUMB_INIT);
        config.execFailure(personality == Personality.DUMB_INIT ? ExecFailureCodes.DUMB_INIT : ExecFailureCodes.SHELL);
        config.registerSubreaper(personality == Personality.PROCWARD || subreaper);
        config.warnIfNotReaping(personality != Personality.DUMB_INIT);
        if (restartMode != RestartPolicy.Mode.NO) config.restart(RestartPolicy.of(restartMode, maxRestarts));
        int v = personality == Personality.DUMB_INIT ? (debug ? 3 : 1) : verbosity;
        return new InitRequest.Run(personality, config, v, events, user, nice, sched);
    }

    private void applyEnvironment() {
        if (personality != Personality.DUMB_INIT) {
            if (env.containsKey("TINI_SUBREAPER")) subreaper = true;
            if (env.containsKey("TINI_KILL_PROCESS_GROUP")) signalGroup = true;
            String v = env.get("TINI_VERBOSITY");
            if (v != null) verbosity = atoi(v);
        }
        if (personality != Personality.TINI) {
            if ("1".equals(env.get("DUMB_INIT_DEBUG"))) debug = true;
            if (setsid && "0".equals(env.get("DUMB_INIT_SETSID"))) {
                if (personality == Personality.DUMB_INIT) setsid = false;
                else singleChild = true;
            }
        }
    }

    /** C's atoi: leading digits, 0 when there are none. */
    private static int atoi(String s) {
        int i = 0;
        String t = s.strip();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) i = 1;
        long n = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && n < Integer.MAX_VALUE) n = n * 10 + (t.charAt(i++) - '0');
        return (int) (neg ? -n : n);
    }

    private int number(String value, String option) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw usage(option + " takes a whole number, not '" + value + "'");
        }
    }

    private <T> T valid(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A getopt-level error: tini prints its usage after it, dumb-init just the line. */
    private Usage usage(String message) {
        String name = personality == Personality.PROCWARD ? "procward init" : personality.displayName();
        return switch (personality) {
            case TINI -> new Usage(new InitRequest.Exit(1, "", (message.equals("no program to run") ? "" : name + ": " + message + "\n") + Usages.tini()));
            case DUMB_INIT -> new Usage(new InitRequest.Exit(1, "", message.equals("no program to run")
                    ? "Usage: dumb-init [option] program [args]\nTry dumb-init --help for full usage.\n"
                    : name + ": " + message + "\n"));
            case PROCWARD -> new Usage(new InitRequest.Exit(1, "", name + ": " + message + "\nTry 'procward init --help' for usage.\n"));
        };
    }

    /** tini's FATAL line for a bad option value. */
    private Usage fatal(String message) {
        if (personality == Personality.PROCWARD) return usage(message);
        return new Usage(new InitRequest.Exit(1, "", "[FATAL tini (" + pid + ")] " + message + "\n"));
    }

    static String version() {
        String v = InitCommandLine.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
