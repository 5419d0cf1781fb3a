package dev.procward.simulator;

import dev.procward.supervisor.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The simulated machine's executables: argv to {@link SimProgram}, or the errno execvp would give.
 * Known: {@code true}, {@code false}, {@code sleep N|infinity}, {@code yes} (spins), a small
 * {@code sh -c} subset ({@code exit N}, {@code sleep N}, {@code kill -SIG $$}, {@code trap '' SIG},
 * {@code trap 'exit N' SIG}, joined by {@code ;}), and {@code simprog} whose options script any
 * habit of {@link SimProgram} (see docs/simulator.md). Files under /etc exist but are not
 * executable (EACCES); every other name is ENOENT.
 */
public final class SimPrograms {
    private SimPrograms() {}

    private static final Set<String> NOT_EXECUTABLE = Set.of("/etc/passwd", "/etc/hostname", "/etc/os-release");

    public static SimProgram resolve(List<String> argv) throws SimErrno {
        String path = argv.getFirst();
        if (NOT_EXECUTABLE.contains(path) || path.startsWith("/etc/")) {
            throw new SimErrno("EACCES", path + ": permission denied");
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        try {
            return switch (name) {
                case "true" -> SimProgram.builder().exit(0, Duration.ZERO).build();
                case "false" -> SimProgram.builder().exit(1, Duration.ZERO).build();
                case "sleep" -> sleep(args);
                case "yes" -> SimProgram.builder().busy().build();
                case "sh", "bash", "dash" -> shell(args);
                case "simprog" -> simprog(args);
                default -> throw new SimErrno("ENOENT", name + ": not found");
            };
        } catch (IllegalArgumentException e) {
            // A program that runs but rejects its arguments exits 2, as coreutils do.
            return SimProgram.builder().exit(2, Duration.ZERO).build();
        }
    }

    private static SimProgram sleep(List<String> args) {
        if (args.isEmpty()) throw new IllegalArgumentException("sleep: missing operand");
        if (args.getFirst().equals("infinity")) return SimProgram.builder().build();
        return SimProgram.builder().exit(0, Durations.parse(args.getFirst())).build();
    }

    private static SimProgram shell(List<String> args) {
        if (args.size() < 2 || !args.getFirst().equals("-c")) throw new IllegalArgumentException("sh: only -c SCRIPT");
        SimProgram.Builder b = SimProgram.builder();
        Duration slept = Duration.ZERO;
        boolean ends = false;
        for (String raw : args.get(1).split(";")) {
            List<String> w = List.of(raw.strip().replace("'", "").replace("\"", "").split("\\s+"));
            if (w.getFirst().isEmpty()) continue;
            switch (w.getFirst()) {
                case "exit" -> {
                    b.exit(w.size() > 1 ? Integer.parseInt(w.get(1)) : 0, slept);
                    ends = true;
                }
                case "sleep" -> slept = slept.plus(Durations.parse(w.get(1)));
                case "kill" -> {
                    b.killSelf(Signal.parse(w.get(1).substring(1)));
                    ends = true;
                }
                case "trap" -> {
                    // trap '' SIG  -> ["trap", "SIG"];  trap 'exit N' SIG -> ["trap", "exit", "N", "SIG"]
                    if (w.size() == 2) b.ignore(Signal.parse(w.get(1)));
                    else b.trap(Signal.parse(w.get(3)), Integer.parseInt(w.get(2)));
                }
                case "true", ":" -> { }
                default -> throw new IllegalArgumentException("sh: the simulator does not know '" + w.getFirst() + "'");
            }
            if (ends) break;
        }
        if (!ends && slept.isPositive()) b.exit(0, slept);
        else if (!ends) b.exit(0, Duration.ZERO);
        return b.build();
    }

    private static SimProgram simprog(List<String> args) {
        SimProgram.Builder b = SimProgram.builder();
        for (int i = 0; i < args.size(); i++) {
            String opt = args.get(i);
            String v = switch (opt) {
                case "--reap", "--busy" -> "";
                default -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException(opt + " needs a value");
                    yield args.get(++i);
                }
            };
            switch (opt) {
                case "--exit" -> {
                    String[] p = v.split("@", 2);
                    b.exit(Integer.parseInt(p[0]), p.length > 1 ? Durations.parse(p[1]) : Duration.ZERO);
                }
                case "--kill-self" -> b.killSelf(Signal.parse(v));
                case "--trap" -> {
                    String[] p = v.split(":", 2);
                    b.trap(Signal.parse(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0);
                }
                case "--ignore" -> b.ignore(Signal.parse(v));
                case "--children" -> b.children(count(v), life(v));
                case "--orphans" -> b.orphans(count(v), life(v));
                case "--zombies" -> b.zombies(Integer.parseInt(v));
                case "--child-trap" -> {
                    String[] p = v.split(":", 2);
                    b.childTrap(Signal.parse(p[0]), Integer.parseInt(p[1]));
                }
                case "--reap" -> b.reap();
                case "--busy" -> b.busy();
                case "--io" -> {
                    String[] p = v.split(":", 2);
                    b.io(p[0].equals("forever") ? Duration.ofNanos(-1) : Durations.parse(p[0]),
                            p.length > 1 ? p[1] : "io_schedule");
                }
                case "--rss" -> b.rssKb(Long.parseLong(v));
                default -> throw new IllegalArgumentException("simprog: unknown option " + opt);
            }
        }
        return b.build();
    }

    private static int count(String v) {
        return Integer.parseInt(v.split(":", 2)[0]);
    }

    /** "N:DUR" gives DUR; "N" or "N:forever" live until killed (null). */
    private static Duration life(String v) {
        String[] p = v.split(":", 2);
        return p.length < 2 || p[1].equals("forever") ? null : Durations.parse(p[1]);
    }
}
