package dev.agentplane.cli.teamrun;

import dev.agentplane.client.AgentPlaneClient;
import dev.agentplane.interpret.ModelExtractor;
import dev.agentplane.teams.record.LocalRunRecords;
import dev.agentplane.teams.record.RunRecords;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import dev.agentplane.teams.tools.controlplane.LocalControlPlane;

/**
 * Where runs are recorded and what the agents' control-plane tools reach: the local embedded store, or the server
 * named with {@code --server} (and its key).
 */
public record RunStore(RunRecords records, ControlPlane controlPlane, Runnable closer) implements AutoCloseable {

    /** {@code models}: what the embedded store's interpret may ask (a server has its own). */
    public static RunStore open(TeamRunSettings settings, ModelExtractor models) {
        if (settings.server() != null) {
            if (settings.apiKey() == null || settings.apiKey().isBlank()) {
                throw new CliRunner.ConfigurationError("--server needs an API key: pass --api-key or set AGENTPLANE_API_KEY");
            }
            // AGENTPLANE_SIGNING_SECRET signs the requests of a signed key; URL and key come from the options.
            AgentPlaneClient server = AgentPlaneClient.builder().environment(System.getenv()).url(settings.server())
                    .apiKey(settings.apiKey()).build();
            return new RunStore(new RemoteRunRecords(server), new RemoteControlPlane(server), () -> { });
        }
        EmbeddedStore store = EmbeddedStore.open(settings.dataDir(), models);
        return new RunStore(new LocalRunRecords(store.plane(), store.actor()), new LocalControlPlane(store.plane(), store.actor()),
                store::close);
    }

    @Override
    public void close() {
        closer.run();
    }
}
