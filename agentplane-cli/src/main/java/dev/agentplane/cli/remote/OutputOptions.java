package dev.agentplane.cli.remote;

import picocli.CommandLine.Option;

/** {@code --output table|json}, shared by the commands that talk to a server. */
public final class OutputOptions {
    public enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (the server's JSON, for scripts).")
    Format format;

    public Format format() {
        return format;
    }
}
