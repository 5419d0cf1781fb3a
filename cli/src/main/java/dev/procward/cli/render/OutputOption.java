package dev.procward.cli.render;

import picocli.CommandLine.Option;

/** The {@code --output} option, shared by every reporting command as a picocli mixin. */
public final class OutputOption {
    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public OutputFormat format = OutputFormat.table;

    public boolean json() {
        return format == OutputFormat.json;
    }
}
