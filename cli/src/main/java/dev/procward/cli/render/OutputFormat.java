package dev.procward.cli.render;

/**
 * How a command prints its report. JSON documents are versioned ({@link Json}) and documented with
 * each command (docs/diagnostics.md, docs/probes.md, docs/init.md, docs/spawn.md).
 */
public enum OutputFormat {
    table, json
}
