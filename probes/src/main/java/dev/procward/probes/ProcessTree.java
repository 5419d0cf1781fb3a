package dev.procward.probes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parent/child forest of a {@link ProcessTable}, built in one pass over the processes.
 * Children are ordered by command name, then pid, as pstree orders them. A process whose parent
 * is absent from the table (pid 1, kthreadd, or a parent that exited mid-read) is a root.
 */
public final class ProcessTree {
    /** One process and its children. {@code threads} is filled by callers that read task/. */
    public static final class Node {
        private final ProcessSnapshot process;
        private final List<Node> children = new ArrayList<>(0);
        private Node parent;

        Node(ProcessSnapshot process) {
            this.process = process;
        }

        public ProcessSnapshot process() { return process; }
        public List<Node> children() { return children; }
        /** The parent node, or null for a root. */
        public Node parent() { return parent; }
    }

    private static final Comparator<Node> PSTREE_ORDER =
            Comparator.comparing((Node n) -> n.process.comm()).thenComparingInt(n -> n.process.pid());

    private final Map<Integer, Node> byPid;
    private final List<Node> roots;

    private ProcessTree(Map<Integer, Node> byPid, List<Node> roots) {
        this.byPid = byPid;
        this.roots = roots;
    }

    public static ProcessTree build(ProcessTable table) {
        Map<Integer, Node> byPid = HashMap.newHashMap(table.processes().size());
        for (ProcessSnapshot p : table.processes()) byPid.put(p.pid(), new Node(p));
        List<Node> roots = new ArrayList<>();
        for (ProcessSnapshot p : table.processes()) {
            Node n = byPid.get(p.pid());
            Node parent = p.ppid() == p.pid() ? null : byPid.get(p.ppid());
            if (parent == null) {
                roots.add(n);
            } else {
                n.parent = parent;
                parent.children.add(n);
            }
        }
        for (Node n : byPid.values()) n.children.sort(PSTREE_ORDER);
        roots.sort(Comparator.comparingInt(n -> n.process.pid()));
        return new ProcessTree(byPid, List.copyOf(roots));
    }

    public List<Node> roots() {
        return roots;
    }

    /**
     * A node and all its descendants, each parent before its children, without recursion (a chain
     * may be thousands deep). Walked backwards, it visits children before their parents. Each node
     * comes once even if a ppid loop (pid reuse between two reads) links it twice.
     */
    public static List<Node> preorder(Node top) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) continue;
            out.add(n);
            for (int i = n.children.size() - 1; i >= 0; i--) todo.push(n.children.get(i));
        }
        return out;
    }

    /**
     * Combines a subtree bottom-up without recursion: {@code combine} gets each node with its
     * children's results (in child order) and runs for every child before its parent. A child
     * that a ppid loop led back to is left out of its second parent's list.
     */
    public static <T> T foldUp(Node top, java.util.function.BiFunction<Node, List<T>, T> combine) {
        List<Node> order = preorder(top);
        Map<Node, T> done = new IdentityHashMap<>(order.size());
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            List<T> kids = new ArrayList<>(n.children.size());
            for (Node c : n.children) {
                T k = done.remove(c);
                if (k != null) kids.add(k);
            }
            done.put(n, combine.apply(n, kids));
        }
        return done.get(top);
    }

    /** The node of a pid, or null when the table does not hold it. */
    public Node node(int pid) {
        return byPid.get(pid);
    }

    public int size() {
        return byPid.size();
    }
}
