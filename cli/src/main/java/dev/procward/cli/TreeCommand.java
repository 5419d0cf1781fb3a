package dev.procward.cli;

import dev.procward.cli.inspect.TreeRenderer;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Style;
import dev.procward.probes.Field;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTable;
import dev.procward.probes.ProcessTree;
import dev.procward.probes.Snapshotter;
import dev.procward.probes.ThreadSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "tree", mixinStandardHelpOptions = true,
        description = {"Draw the process tree, pstree-style.",
                "Identical sibling subtrees merge into N*[name]; threads show as {name}.",
                "Marks: <defunct> zombie, <D> uninterruptible sleep, [ns:TYPES] namespaces that differ from the parent's."},
        footerHeading = "%n", footer = ExitCodes.HELP_SECTION)
public final class TreeCommand implements Callable<Integer> {
    /** Nested JSON levels the writer takes on the launcher's thread stack with room to spare (about 400 fit). */
    static final int MAX_JSON_DEPTH = 256;

    @Spec CommandSpec spec;
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "Root of the tree (default: PID 1, else every root).")
    Integer pid;

    @Option(names = {"-p", "--show-pids"}, description = "Show pids.") boolean pids;
    @Option(names = {"-g", "--show-pgids"}, description = "Show process group ids.") boolean pgids;
    @Option(names = {"-s", "--show-sids"}, description = "Show session ids.") boolean sids;
    @Option(names = {"-a", "--arguments"}, description = "Show command line arguments.") boolean args;
    @Option(names = {"-A", "--ascii"}, description = "Draw with ASCII characters.") boolean ascii;
    @Option(names = {"-t", "--thread-names"}, description = "Show each thread's own name.") boolean threadNames;
    @Option(names = {"-T", "--hide-threads"}, description = "Do not show threads.") boolean hideThreads;
    @Option(names = {"-k", "--kernel"}, description = "Also draw kernel threads (kthreadd's tree).") boolean kernel;

    @Override
    public Integer call() {
        Path root = procRoot.resolve();
        Set<Field> fields = EnumSet.of(Field.STAT, Field.NAMESPACES);
        if (args) fields.add(Field.CMDLINE);
        ProcessTable table = Snapshotter.take(root, fields);
        ProcessTree tree = ProcessTree.build(table);
        List<ProcessTree.Node> roots = roots(tree);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            List<Object> docs = new ArrayList<>();
            for (ProcessTree.Node r : roots) docs.add(json(root, r));
            Json.write(out, Map.of("roots", docs));
            return ExitCodes.OK;
        }
        var renderer = new TreeRenderer(new TreeRenderer.Options(pids, pgids, sids, args, ascii, threadNames), Style.detect(),
                p -> threads(root, tree.node(p).process()));
        for (ProcessTree.Node r : roots) out.print(renderer.render(r));
        out.flush();
        return ExitCodes.OK;
    }

    private List<ProcessTree.Node> roots(ProcessTree tree) {
        if (pid != null) {
            ProcessTree.Node n = tree.node(pid);
            if (n == null) throw new UserError("no process " + pid);
            return List.of(n);
        }
        ProcessTree.Node init = tree.node(1);
        List<ProcessTree.Node> roots = new ArrayList<>();
        for (ProcessTree.Node r : tree.roots()) {
            boolean kthreads = r.process().stat() != null && r.process().stat().kernelThread();
            if (kthreads && !kernel) continue;
            if (init != null && r != init && !kernel && r.process().ppid() == 0 && r.children().isEmpty()) continue;
            roots.add(r);
        }
        return roots;
    }

    private List<ThreadSample> threads(Path root, ProcessSnapshot p) {
        if (hideThreads) return List.of();
        if (p.stat() == null || p.stat().numThreads() < 2 || p.stat().kernelThread()) return List.of();
        return Snapshotter.threads(root, p.pid(), EnumSet.of(Field.STAT));
    }

    /**
     * The subtree as nested maps, built children first without recursion (a chain may be thousands
     * deep). The JSON writer does recurse, once per level, so a deeper tree is refused up front.
     */
    private Map<String, Object> json(Path root, ProcessTree.Node top) {
        return ProcessTree.<JsonSubtree>foldUp(top, (n, kids) -> {
            int height = 1 + kids.stream().mapToInt(JsonSubtree::height).max().orElse(0);
            if (height > MAX_JSON_DEPTH) {
                throw new UserError("the tree under " + top.process().pid() + " is more than " + MAX_JSON_DEPTH
                        + " processes deep, too deep for nested JSON; draw it as text, or name a process further down");
            }
            return new JsonSubtree(json(root, n, kids.stream().<Object>map(JsonSubtree::map).toList()), height);
        }).map();
    }

    /** A subtree's JSON object and how many levels deep it goes. */
    private record JsonSubtree(Map<String, Object> map, int height) {}

    private Map<String, Object> json(Path root, ProcessTree.Node n, List<Object> kids) {
        ProcessSnapshot p = n.process();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", p.pid());
        m.put("ppid", p.ppid());
        m.put("pgid", p.stat() == null ? null : p.stat().pgrp());
        m.put("sid", p.stat() == null ? null : p.stat().session());
        m.put("comm", p.comm());
        m.put("state", String.valueOf(p.state()));
        if (args) m.put("args", p.cmdline() == null ? null : p.cmdline().args());
        List<String> ns = n.parent() != null && p.namespaces() != null && n.parent().process().namespaces() != null
                ? p.namespaces().differingFrom(n.parent().process().namespaces()) : List.of();
        m.put("namespacesDifferingFromParent", ns);
        List<Map<String, Object>> threads = new ArrayList<>();
        for (ThreadSample t : threads(root, p)) {
            if (t.tid() != p.pid()) threads.add(Map.of("tid", t.tid(), "comm", t.comm()));
        }
        m.put("threads", threads);
        m.put("children", kids);
        m.put("gaps", p.gaps().stream().map(Object::toString).toList());
        return m;
    }
}
