package dev.procward.cli.render;

/** How a command prints its report. JSON follows the schema documented in docs/json-schema.md. */
public enum OutputFormat {
    table, json
}
