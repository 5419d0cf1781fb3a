package dev.procward.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An aligned text table, procps-style: numeric columns right-aligned, the last column left
 * unpadded so long command lines are not cut.
 */
public final class Table {
    public enum Align { LEFT, RIGHT }

    public record Column(String header, Align align) {
        public static Column left(String header) { return new Column(header, Align.LEFT); }
        public static Column right(String header) { return new Column(header, Align.RIGHT); }
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    public Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public Table row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int n = columns.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) width[c] = columns.get(c).header().length();
        for (String[] r : rows) for (int c = 0; c < n; c++) width[c] = Math.max(width[c], visible(r[c]));
        StringBuilder sb = new StringBuilder(256);
        String[] header = columns.stream().map(Column::header).toArray(String[]::new);
        appendRow(sb, header, width);
        for (String[] r : rows) appendRow(sb, r, width);
        out.print(sb);
        out.flush();
    }

    private void appendRow(StringBuilder sb, String[] cells, int[] width) {
        int n = cells.length;
        for (int c = 0; c < n; c++) {
            String cell = cells[c] == null ? "" : cells[c];
            boolean last = c == n - 1;
            int pad = width[c] - visible(cell);
            if (columns.get(c).align() == Align.RIGHT) {
                sb.repeat(' ', pad).append(cell);
            } else {
                sb.append(cell);
                if (!last) sb.repeat(' ', pad);
            }
            if (!last) sb.append(' ');
        }
        // Trailing blanks from right-aligned last columns are kept; left ones never appear.
        sb.append('\n');
    }

    /** Width on screen: ANSI colour sequences take no columns. */
    static int visible(String s) {
        if (s == null) return 0;
        if (s.indexOf('\u001b') < 0) return s.length();
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
