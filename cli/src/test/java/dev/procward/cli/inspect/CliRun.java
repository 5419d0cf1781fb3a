package dev.procward.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procward.cli.ProcwardCommand;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs procward in this JVM and captures what it prints. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        var cl = ProcwardCommand.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }
}
