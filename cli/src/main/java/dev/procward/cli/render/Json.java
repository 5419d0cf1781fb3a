package dev.procward.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/**
 * One JSON writer for every command. Records serialise by their components, so a report's record
 * is its schema; field names never change once published. Every document is an object whose first
 * field is {@value #VERSION_FIELD}: the schema version scripts check before they read the rest.
 * The schemas are documented where each command is (docs/diagnostics.md, docs/init.md …) and
 * pinned by JsonSchemaTest.
 */
public final class Json {
    /** The name of the version field every document starts with. */
    public static final String VERSION_FIELD = "schemaVersion";

    /**
     * Raised when a field is renamed or removed, or changes type, unit or meaning, in any command's
     * document. Adding a field does not raise it: readers ignore fields they do not know.
     */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value}, which must serialise to a JSON object, as a versioned document. */
    public static void write(PrintWriter out, Object value) {
        try {
            out.println(MAPPER.writeValueAsString(document(value)));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code value} as an object with {@value #VERSION_FIELD} first, then its own fields in order. A
     * value that carries its own version (bench spawn's SpawnReport) keeps it, in first place.
     */
    public static ObjectNode document(Object value) {
        JsonNode body = MAPPER.valueToTree(value);
        if (!(body instanceof ObjectNode fields)) {
            // An array or a scalar has nowhere to carry the version: wrap it in a named field instead.
            throw new IllegalArgumentException("a JSON document must be an object, not " + body.getNodeType());
        }
        ObjectNode doc = MAPPER.createObjectNode().put(VERSION_FIELD, SCHEMA_VERSION);
        doc.setAll(fields);
        return doc;
    }
}
