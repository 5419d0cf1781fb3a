package dev.procward.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.procward.cli.ExitCodes;
import dev.procward.cli.UserError;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.spawn.Method;
import dev.procward.probes.spawn.ParentSize;
import dev.procward.probes.spawn.SpawnLab;
import dev.procward.probes.spawn.SpawnLabException;
import dev.procward.probes.spawn.SpawnReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "spawn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measures what starting a process costs here, against the size of the parent's memory.",
                "Rows: posix_spawn through FFM (procward's own path); ProcessBuilder with each JDK launch mechanism, "
                        + "each in a child JVM whose heap is the parent size; the creation floor clone(CLONE_VM|CLONE_VFORK) "
                        + "whose child only calls _exit; and, when cc is present, a C reference for fork+exec, "
                        + "vfork+exec, posix_spawn and clone. Methods take turns one spawn at a time.",
                "Latency runs from before creation to after the reap, measured inside the spawning process."},
        footerHeading = "%n",
        footer = {"Methods: ffm-posix-spawn, ffm-clone-floor, c-fork-exec, c-vfork-exec, c-posix-spawn, c-clone-floor, "
                + "pb-posix-spawn, pb-fork, pb-vfork.", "", ExitCodes.HELP_SECTION})
public final class SpawnCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOption output = new OutputOption();

    @Option(names = "--parent-rss", split = ",", paramLabel = "SIZE", defaultValue = "16m,1g,4g",
            converter = SizeConverter.class,
            description = "Parent sizes, memory actually touched (default: ${DEFAULT-VALUE}).")
    List<ParentSize> sizes = new ArrayList<>();

    /** Whether parents are backed by transparent huge pages. */
    enum HugePages { off, also, only }

    @Option(names = "--thp", arity = "0..1", paramLabel = "also|only", fallbackValue = "also", defaultValue = "off",
            description = "Parents on transparent huge pages (MADV_HUGEPAGE): 'also' (the default when given "
                    + "without a value) adds a THP variant of every size, 'only' measures THP parents only.")
    HugePages thp = HugePages.off;

    @Option(names = "--target", split = ",", paramLabel = "PATH", defaultValue = "/bin/true",
            description = "Program each spawn executes (default: ${DEFAULT-VALUE}); 'static' is a tiny static binary built with cc.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", defaultValue = "all",
            description = "Methods to measure, or 'all' (default: ${DEFAULT-VALUE}).")
    List<String> methods = new ArrayList<>();

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100", description = "Measured spawns per cell (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Unmeasured spawns per cell first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--jit-warmup", paramLabel = "N", defaultValue = "" + SpawnLab.JIT_WARMUP_SPAWNS,
            description = "Unmeasured spawns each Java method makes first, at most 2 s, so the JIT has compiled its spawn path (default: ${DEFAULT-VALUE}).")
    int jitWarmup;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "10", description = "Time limit per cell, which may cut --iterations short (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--chart", paramLabel = "PREFIX", defaultValue = "spawn-chart",
            description = "Writes the chart to PREFIX.png and PREFIX.svg (default: ${DEFAULT-VALUE}).")
    Path chart;

    @Option(names = "--no-chart", description = "Writes no chart.")
    boolean noChart;

    @Option(names = "--json-file", paramLabel = "PATH",
            description = "Also writes the report as JSON to PATH, whatever --output prints.")
    Path jsonFile;

    @Option(names = "--progress", negatable = true, description = "Progress bar on stderr (default: when stderr is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        SpawnLab.Plan plan = plan();
        SpawnReport report;
        try (SpawnProgress bar = new SpawnProgress(System.err)) {
            boolean showProgress = progress != null ? progress : System.console() != null;
            report = new SpawnLab().run(plan, showProgress ? bar : SpawnLab.Listener.NONE);
        } catch (IllegalArgumentException e) {
            throw new UserError("bench spawn: " + e.getMessage(), ExitCodes.USAGE);
        } catch (SpawnLabException e) {
            throw new UserError("bench spawn: " + e.getMessage());
        }
        List<String> charts = new ArrayList<>();
        if (!noChart && !report.cells().isEmpty()) {
            try {
                for (Path p : SpawnChart.write(report, chart)) charts.add(p.toString());
            } catch (IOException e) {
                throw new UserError("bench spawn: cannot write the chart: " + e.getMessage());
            }
        }
        var out = spec.commandLine().getOut();
        ObjectNode tree = Json.mapper().valueToTree(report);
        tree.set("charts", Json.mapper().valueToTree(charts));
        if (jsonFile != null) {
            try (var file = new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(jsonFile))) {
                Json.write(file, tree);
            } catch (IOException e) {
                throw new UserError("bench spawn: cannot write " + jsonFile + ": " + e.getMessage());
            }
        }
        if (output.json()) {
            Json.write(out, tree);
        } else {
            new SpawnTable(Style.detect()).print(report, charts, out);
        }
        return ExitCodes.OK;
    }

    private SpawnLab.Plan plan() {
        if (iterations < 1) throw new UserError("bench spawn: --iterations must be at least 1", ExitCodes.USAGE);
        if (warmup < 0) throw new UserError("bench spawn: --warmup cannot be negative", ExitCodes.USAGE);
        if (jitWarmup < 0) throw new UserError("bench spawn: --jit-warmup cannot be negative", ExitCodes.USAGE);
        if (!(maxSeconds > 0)) throw new UserError("bench spawn: --max-seconds must be positive", ExitCodes.USAGE);
        List<Method> chosen = new ArrayList<>();
        try {
            for (String m : methods) {
                if (m.equalsIgnoreCase("all")) chosen.addAll(Method.all());
                else chosen.add(Method.byId(m));
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("bench spawn: " + e.getMessage(), ExitCodes.USAGE);
        }
        List<ParentSize> all = new ArrayList<>();
        for (ParentSize s : sizes) {
            if (thp != HugePages.only) all.add(s);
            if (thp != HugePages.off) all.add(s.withHugePages());
        }
        return new SpawnLab.Plan(chosen.stream().distinct().toList(), all.stream().distinct().toList(),
                targets.stream().distinct().toList(), iterations, warmup, Duration.ofMillis((long) (maxSeconds * 1000)), jitWarmup);
    }

    /** Sizes are parsed in probes; this only turns its complaint into picocli's usage error. */
    static final class SizeConverter implements CommandLine.ITypeConverter<ParentSize> {
        @Override
        public ParentSize convert(String value) {
            try {
                return ParentSize.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
