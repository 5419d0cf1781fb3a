package dev.procward.cli.inspect;

import dev.procward.cli.render.Style;
import dev.procward.probes.ProcessSnapshot;
import dev.procward.probes.ProcessTree;
import dev.procward.probes.ThreadSample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Draws a {@link ProcessTree} as pstree does. By default the first child sits on its parent's
 * line, identical sibling subtrees merge into {@code N*[...]} and threads show as {@code {name}};
 * with {@code args} (pstree -a) every process has a line of its own, indented under its parent,
 * and only threads merge. Subtrees are compared by hash-consing (each distinct shape gets a
 * number), so merging is linear in the tree's size. Marks pstree lacks: {@code <defunct>} for
 * zombies, {@code <D>} for uninterruptible sleep, and {@code [ns:pid,mnt]} for namespaces that
 * differ from the parent's.
 *
 * <p>Neither building nor drawing recurses, and the indent is one buffer cut back on the way up,
 * never a string per level: a chain thousands of processes deep (a fork bomb, a runaway
 * respawner) is drawn in time and memory proportional to the output.
 */
public final class TreeRenderer {
    /** @param threadNames show each thread's own name, not its process's (pstree -t) */
    public record Options(boolean pids, boolean pgids, boolean sids, boolean args, boolean ascii, boolean threadNames) {}

    private enum Mark { NONE, ZOMBIE, DSTATE }

    /** A drawable subtree: a label, its merged children, and how many identical copies it stands for. */
    private record Item(String label, Mark mark, String nsNote, boolean thread, List<Item> children, int count, int shape) {}

    /** An item being drawn, and the next of its children to draw. {@code indent} is where its children's indent ends. */
    private static final class Frame {
        final Item item;
        final int indent;
        int next;

        Frame(Item item, int indent) {
            this.item = item;
            this.indent = indent;
        }
    }

    private final Options options;
    private final Style style;
    private final IntFunction<List<ThreadSample>> threadsOf;
    private final Map<String, Integer> shapes = new HashMap<>();
    // The inline layout's joints ("---", "-+-", " |-", " `-") and its indents (" | ", "   ").
    private final String single, first, middle, last, bar, blank;
    // The -a layout's two-character joints, each after two spaces per level, as pstree draws them.
    private final String branch2, last2, bar2, blank2;

    /** @param threadsOf the non-leader threads of a pid (empty when threads are hidden) */
    public TreeRenderer(Options options, Style style, IntFunction<List<ThreadSample>> threadsOf) {
        this.options = options;
        this.style = style;
        this.threadsOf = threadsOf;
        boolean a = options.ascii();
        single = a ? "---" : "───";
        first = a ? "-+-" : "─┬─";
        middle = a ? " |-" : " ├─";
        last = a ? " `-" : " └─";
        bar = a ? " | " : " │ ";
        blank = "   ";
        branch2 = a ? "|-" : "├─";
        last2 = a ? "`-" : "└─";
        bar2 = a ? "| " : "│ ";
        blank2 = "  ";
    }

    public String render(ProcessTree.Node root) {
        StringBuilder sb = new StringBuilder(4096);
        Item top = build(root);
        if (options.args()) drawOnePerLine(top, sb);
        else drawInline(top, sb);
        return sb.toString();
    }

    private Item build(ProcessTree.Node root) {
        return ProcessTree.foldUp(root, this::item);
    }

    private Item item(ProcessTree.Node node, List<Item> kids) {
        ProcessSnapshot p = node.process();
        int pgid = p.stat() == null ? -1 : p.stat().pgrp();
        int sid = p.stat() == null ? -1 : p.stat().session();
        for (ThreadSample t : threadsOf.apply(p.pid())) {
            if (t.tid() == p.pid()) continue;
            // pstree gives a thread its process's pgid
            String name = "{" + (options.threadNames() ? t.comm() : p.comm()) + "}";
            kids.add(node(withIds(name, t.tid(), pgid, sid), Mark.NONE, "", true, List.of()));
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
        return node(label(p, pgid, sid), mark, ns, false, merge(kids));
    }

    private String label(ProcessSnapshot p, int pgid, int sid) {
        String named = withIds(p.comm(), p.pid(), pgid, sid);
        if (!options.args()) return named;
        List<String> argv = p.cmdline() == null ? List.of() : p.cmdline().args();
        // pstree -a: "name,ids args-after-argv0"; no command line at all (zombie, kernel thread) is "(name,ids)"
        if (argv.isEmpty()) return "(" + named + ")";
        StringBuilder sb = new StringBuilder(named);
        for (String a : argv.subList(1, argv.size())) sb.append(' ').append(escaped(a));
        return sb.toString();
    }

    /** pstree's "name(1,2)", or with -a "name,1,2"; the name alone when no ids are asked for. */
    private String withIds(String name, int pid, int pgid, int sid) {
        List<String> parts = new ArrayList<>(3);
        if (options.pids()) parts.add(Integer.toString(pid));
        if (options.pgids() && pgid >= 0) parts.add(Integer.toString(pgid));
        if (options.sids() && sid >= 0) parts.add(Integer.toString(sid));
        if (parts.isEmpty()) return name;
        return options.args() ? name + "," + String.join(",", parts) : name + "(" + String.join(",", parts) + ")";
    }

    /** As pstree prints an argument: a backslash doubled, a control character as a three-digit octal escape. */
    private static String escaped(String arg) {
        boolean plain = true;
        for (int i = 0; i < arg.length() && plain; i++) {
            char c = arg.charAt(i);
            plain = c != '\\' && c >= ' ' && c != 127;
        }
        if (plain) return arg;
        StringBuilder sb = new StringBuilder(arg.length() + 8);
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') sb.append("\\\\");
            else if (c < ' ' || c == 127) sb.append('\\').append(String.format("%03o", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** Folds children with the same shape into one item with a count, keeping first-seen order. Under -a only threads fold. */
    private List<Item> merge(List<Item> kids) {
        if (kids.size() < 2) return kids;
        Map<Integer, Item> byShape = new LinkedHashMap<>();
        for (int i = 0; i < kids.size(); i++) {
            Item k = kids.get(i);
            int key = options.args() && !k.thread() ? -1 - i : k.shape(); // shapes are >= 0: a negative key is unique
            byShape.merge(key, k, (a, b) -> new Item(a.label(), a.mark(), a.nsNote(), a.thread(), a.children(),
                    a.count() + b.count(), a.shape()));
        }
        return byShape.size() == kids.size() ? kids : List.copyOf(byShape.values());
    }

    private Item node(String label, Mark mark, String ns, boolean thread, List<Item> children) {
        StringBuilder key = new StringBuilder(label.length() + ns.length() + 4 + children.size() * 6)
                .append(label).append('\0').append(mark.ordinal()).append(ns);
        for (Item c : children) key.append('\0').append(c.count()).append('*').append(c.shape());
        int shape = shapes.computeIfAbsent(key.toString(), k -> shapes.size());
        return new Item(label, mark, ns, thread, children, 1, shape);
    }

    /** The inline layout: the first child continues its parent's line, later ones start a line at the parent's column. */
    private void drawInline(Item root, StringBuilder sb) {
        StringBuilder indent = new StringBuilder();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(enterInline(root, sb, indent));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            List<Item> kids = f.item.children();
            if (f.next == kids.size()) {
                stack.pop();
                if (f.item.count() > 1) sb.append(']');
                continue;
            }
            int i = f.next++;
            boolean isLast = i == kids.size() - 1;
            if (kids.size() == 1) sb.append(single);
            else if (i == 0) sb.append(first);
            else sb.append('\n').append(indent, 0, f.indent).append(isLast ? last : middle);
            indent.setLength(f.indent);
            indent.append(kids.size() == 1 || isLast ? blank : bar);
            stack.push(enterInline(kids.get(i), sb, indent));
        }
        sb.append('\n');
    }

    /** Prints an item's text and widens the indent by it: that is where its later children's joints start. */
    private Frame enterInline(Item it, StringBuilder sb, StringBuilder indent) {
        text(it, sb);
        indent.repeat(' ', plainWidth(it));
        return new Frame(it, indent.length());
    }

    /** pstree -a: one process a line, each level two spaces and a two-character joint further in. */
    private void drawOnePerLine(Item root, StringBuilder sb) {
        StringBuilder indent = new StringBuilder();
        Deque<Frame> stack = new ArrayDeque<>();
        text(root, sb);
        closeLine(root, sb);
        stack.push(new Frame(root, 0));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            List<Item> kids = f.item.children();
            if (f.next == kids.size()) {
                stack.pop();
                continue;
            }
            Item kid = kids.get(f.next++);
            boolean isLast = f.next == kids.size();
            indent.setLength(f.indent);
            sb.append(indent).append("  ").append(isLast ? last2 : branch2);
            text(kid, sb);
            closeLine(kid, sb);
            indent.append("  ").append(isLast ? blank2 : bar2);
            stack.push(new Frame(kid, indent.length()));
        }
    }

    private static void closeLine(Item it, StringBuilder sb) {
        if (it.count() > 1) sb.append(']');
        sb.append('\n');
    }

    /** "N*[" for merged copies, then the label with its marks (without the closing bracket). */
    private void text(Item it, StringBuilder sb) {
        if (it.count() > 1) sb.append(it.count()).append("*[");
        String suffix = suffix(it.mark());
        sb.append(switch (it.mark()) {
            case ZOMBIE -> style.red(it.label() + suffix);
            case DSTATE -> style.yellow(it.label() + suffix);
            case NONE -> it.label();
        });
        if (!it.nsNote().isEmpty()) sb.append(style.bold(it.nsNote()));
    }

    /** Columns the text of {@link #text} takes, colours aside. */
    private static int plainWidth(Item it) {
        int head = it.count() > 1 ? Integer.toString(it.count()).length() + 2 : 0;
        return head + it.label().length() + suffix(it.mark()).length() + it.nsNote().length();
    }

    private static String suffix(Mark mark) {
        return switch (mark) {
            case ZOMBIE -> " <defunct>";
            case DSTATE -> " <D>";
            case NONE -> "";
        };
    }
}
