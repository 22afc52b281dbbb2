package dev.agentplane.cli.remote;

import dev.agentplane.client.Operation;
import dev.agentplane.client.Query;
import dev.agentplane.client.model.AgentUpdate;
import dev.agentplane.client.model.NewAgent;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "agents", description = "The agent registry.")
public final class AgentsCommand extends RemoteCommand {
    private static final Column[] COLUMNS = {Column.of("ID", "id"), Column.of("NAME", "name"), Column.of("STATUS", "status"),
            Column.of("FRAMEWORK", "framework"), Column.of("CAPABILITIES", "capabilities"), Column.of("LAST SEEN", "last_seen")};

    @Operation("listAgents")
    @Command(description = "The organization's agents.")
    int list(@Option(names = "--status", description = "active or inactive") String status,
             @Option(names = "--framework") String framework,
             @Option(names = "--capability") String capability,
             @Mixin PageOptions page) {
        var list = client().agents().list(page.applyTo(Query.of("status", status, "framework", framework)
                .with("capability", capability)));
        var result = page.fetch(list);
        printer().rows(result.items(), result.nextCursor(), COLUMNS);
        return 0;
    }

    @Operation("getAgent")
    @Command(description = "One agent.")
    int get(@Parameters(paramLabel = "AGENT_ID") String id) {
        printer().one(client().agents().get(id));
        return 0;
    }

    @Operation("createAgent")
    @Command(description = "Registers an agent.")
    int register(@Parameters(paramLabel = "NAME") String name,
                 @Option(names = "--framework", description = "langgraph, crewai, …") String framework,
                 @Option(names = "--description") String description,
                 @Option(names = "--capability", paramLabel = "CAP", description = "Repeat for several.") List<String> capabilities,
                 @Option(names = "--config", paramLabel = "JSON", description = "Free-form configuration (JSON, @file or -).") String config) {
        printer().one(client().agents().register(new NewAgent(name, framework, description, capabilities, json("--config", config))));
        return 0;
    }

    @Operation("updateAgent")
    @Command(description = "Changes an agent's fields (those given).")
    int update(@Parameters(paramLabel = "AGENT_ID") String id,
               @Option(names = "--name") String name,
               @Option(names = "--framework") String framework,
               @Option(names = "--description") String description,
               @Option(names = "--capability", paramLabel = "CAP", description = "Replaces the capabilities; repeat for several.") List<String> capabilities,
               @Option(names = "--config", paramLabel = "JSON") String config) {
        printer().one(client().agents().update(id, new AgentUpdate(name, framework, description, capabilities, json("--config", config))));
        return 0;
    }

    @Operation("heartbeatAgent")
    @Command(description = "Marks an agent seen now.")
    int heartbeat(@Parameters(paramLabel = "AGENT_ID") String id) {
        printer().one(client().agents().heartbeat(id));
        return 0;
    }

    @Operation("deactivateAgent")
    @Command(description = "Deactivates an agent.")
    int deactivate(@Parameters(paramLabel = "AGENT_ID") String id) {
        printer().one(client().agents().deactivate(id));
        return 0;
    }
}
