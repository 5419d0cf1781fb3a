package dev.procward.cli.diag;

import dev.procward.cli.ProcwardCommand;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one procward command line in-process and captures what it printed. */
public record CliRun(int code, String out, String err) {
    public static CliRun of(String... args) {
        var cl = ProcwardCommand.commandLine(args); // the same (lazy) model as Main
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
