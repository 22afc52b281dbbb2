package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "templates", description = "Ready-made workflows to start from.")
public final class TemplatesCommand extends RemoteCommand {

    @Operation("listTemplates")
    @Command(description = "Every template.")
    int list() {
        var items = client().templates().list().toList();
        printer().rows(items, null, Column.of("NAME", "name"), Column.of("STEP TYPES", "step_types"),
                Column.of("DESCRIPTION", "description"));
        return 0;
    }

    @Operation("getTemplate")
    @Command(description = "A template; --source prints its YAML.")
    int get(@Parameters(paramLabel = "NAME") String name,
            @Option(names = "--source", description = "Only the definition's YAML.") boolean source) {
        var template = client().templates().get(name);
        printer().sourceOr(source, template.source(), template);
        return 0;
    }

    @Operation("instantiateTemplate")
    @Command(description = "Stores a template as a workflow of yours (named like the template unless --name).")
    int instantiate(@Parameters(paramLabel = "TEMPLATE") String template,
                    @Option(names = "--name", paramLabel = "WORKFLOW") String name) {
        printer().one(client().templates().instantiate(template, name));
        return 0;
    }
}
