package dev.procward.cli.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procward.cli.diag.CliRun;

/** Reads what a {@code --output json} run printed. */
final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOut() {}

    static JsonNode parse(CliRun run) {
        try {
            return MAPPER.readTree(run.out());
        } catch (Exception e) {
            throw new AssertionError("not JSON (exit " + run.code() + ", " + run.err() + "): " + run.out(), e);
        }
    }
}
