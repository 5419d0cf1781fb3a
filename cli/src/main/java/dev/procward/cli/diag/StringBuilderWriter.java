package dev.procward.cli.diag;

import dev.procward.cli.render.Table;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Prints a {@link Table} with every line indented. */
final class StringBuilderWriter {
    private StringBuilderWriter() {}

    static void indent(PrintWriter out, Table t, String prefix) {
        StringWriter sw = new StringWriter();
        t.print(new PrintWriter(sw));
        for (String line : sw.toString().split("\n")) out.println(prefix + line);
    }
}
