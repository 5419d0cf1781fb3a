package dev.procward.cli.inspect;

import dev.procward.cli.render.Style;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTree;
import dev.procward.probes.ThreadSample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Draws a {@link ProcessTree} as pstree does: the first child on its parent's line, identical
 * sibling subtrees merged into {@code N*[...]}, threads as {@code {name}}. Subtrees are compared
 * by hash-consing (each distinct shape gets a number), so merging is linear in the tree's size.
 * Marks pstree lacks: {@code <defunct>} for zombies, {@code <D>} for uninterruptible sleep, and
 * {@code [ns:pid,mnt]} for namespaces that differ from the parent's.
 */
public final class TreeRenderer {
    /** @param threadNames show each thread's own name, not its process's (pstree -t) */
    public record Options(boolean pids, boolean pgids, boolean sids, boolean args, boolean ascii, boolean threadNames) {}

    private enum Mark { NONE, ZOMBIE, DSTATE }

    /** A drawable subtree: a label, its merged children, and how many identical copies it stands for. */
    private record Item(String label, Mark mark, String nsNote, List<Item> children, int count, int shape) {}

    private final Options options;
    private final Style style;
    private final IntFunction<List<ThreadSample>> threadsOf;
    private final Map<String, Integer> shapes = new HashMap<>();
    private final String single, first, middle, last, bar, blank;

    /** @param threadsOf the non-leader threads of a pid (empty when threads are hidden) */
    public TreeRenderer(Options options, Style style, IntFunction<List<ThreadSample>> threadsOf) {
        this.options = options;
        this.style = style;
        this.threadsOf = threadsOf;
        single = options.ascii() ? "---" : "───";
        first = options.ascii() ? "-+-" : "─┬─";
        middle = options.ascii() ? " |-" : " ├─";
        last = options.ascii() ? " `-" : " └─";
        bar = options.ascii() ? " | " : " │ ";
        blank = "   ";
    }

    public String render(ProcessTree.Node root) {
        StringBuilder sb = new StringBuilder(4096);
        draw(item(root), sb, "");
        return sb.append('\n').toString();
    }

    private Item item(ProcessTree.Node node) {
        ProcessSnapshot p = node.process();
        List<Item> kids = new ArrayList<>(node.children().size());
        for (ProcessTree.Node c : node.children()) kids.add(item(c));
        for (ThreadSample t : threadsOf.apply(p.pid())) {
            if (t.tid() != p.pid()) kids.add(leaf("{" + (options.threadNames() ? t.comm() : p.comm()) + "}" + ids(t.tid(), -1, -1), Mark.NONE, ""));
        }
        String ns = "";
        if (node.parent() != null && p.namespaces() != null && node.parent().process().namespaces() != null) {
            List<String> diff = p.namespaces().differingFrom(node.parent().process().namespaces());
            if (!diff.isEmpty()) ns = " [ns:" + String.join(",", diff) + "]";
        }
        Mark mark = switch (p.state()) {
            case 'Z' -> Mark.ZOMBIE;
            case 'D' -> Mark.DSTATE;
            default -> Mark.NONE;
        };
        int pgid = p.stat() == null ? -1 : p.stat().pgrp();
        int sid = p.stat() == null ? -1 : p.stat().session();
        return node(label(p, pgid, sid), mark, ns, merge(kids));
    }

    private String label(ProcessSnapshot p, int pgid, int sid) {
        String ids = ids(p.pid(), pgid, sid);
        if (!options.args()) return p.comm() + ids;
        // pstree -a: "name,ids args-after-argv0"
        StringBuilder sb = new StringBuilder(p.comm());
        if (!ids.isEmpty()) sb.append(',').append(ids, 1, ids.length() - 1);
        if (p.cmdline() != null && p.cmdline().args().size() > 1) {
            for (String a : p.cmdline().args().subList(1, p.cmdline().args().size())) sb.append(' ').append(a);
        }
        return sb.toString();
    }

    private String ids(int pid, int pgid, int sid) {
        List<String> parts = new ArrayList<>(3);
        if (options.pids()) parts.add(Integer.toString(pid));
        if (options.pgids() && pgid >= 0) parts.add(Integer.toString(pgid));
        if (options.sids() && sid >= 0) parts.add(Integer.toString(sid));
        return parts.isEmpty() ? "" : "(" + String.join(",", parts) + ")";
    }

    /** Folds children with the same shape into one item with a count, keeping first-seen order. */
    private List<Item> merge(List<Item> kids) {
        if (kids.size() < 2) return kids;
        Map<Integer, Item> byShape = new LinkedHashMap<>();
        for (Item k : kids) {
            byShape.merge(k.shape(), k, (a, b) -> new Item(a.label(), a.mark(), a.nsNote(), a.children(),
                    a.count() + b.count(), a.shape()));
        }
        return byShape.size() == kids.size() ? kids : List.copyOf(byShape.values());
    }

    private Item leaf(String label, Mark mark, String ns) {
        return node(label, mark, ns, List.of());
    }

    private Item node(String label, Mark mark, String ns, List<Item> children) {
        StringBuilder key = new StringBuilder(label.length() + ns.length() + 4 + children.size() * 6)
                .append(label).append('\0').append(mark.ordinal()).append(ns);
        for (Item c : children) key.append('\0').append(c.count()).append('*').append(c.shape());
        int shape = shapes.computeIfAbsent(key.toString(), k -> shapes.size());
        return new Item(label, mark, ns, children, 1, shape);
    }

    private void draw(Item it, StringBuilder sb, String indent) {
        String head = it.count() > 1 ? it.count() + "*[" : "";
        String suffix = switch (it.mark()) {
            case ZOMBIE -> " <defunct>";
            case DSTATE -> " <D>";
            case NONE -> "";
        };
        String plain = it.label() + suffix + it.nsNote();
        sb.append(head).append(switch (it.mark()) {
            case ZOMBIE -> style.red(it.label() + suffix);
            case DSTATE -> style.yellow(it.label() + suffix);
            case NONE -> it.label();
        });
        if (!it.nsNote().isEmpty()) sb.append(style.bold(it.nsNote()));
        String childIndent = indent + " ".repeat(head.length() + plain.length());
        List<Item> kids = it.children();
        if (kids.size() == 1) {
            sb.append(single);
            draw(kids.getFirst(), sb, childIndent + blank);
        } else {
            for (int i = 0; i < kids.size(); i++) {
                boolean isLast = i == kids.size() - 1;
                if (i == 0) sb.append(first);
                else sb.append('\n').append(childIndent).append(isLast ? last : middle);
                draw(kids.get(i), sb, childIndent + (isLast ? blank : bar));
            }
        }
        if (it.count() > 1) sb.append(']');
    }
}
