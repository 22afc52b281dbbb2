package dev.agentplane.teams.tools.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.support.SettingsReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tools.state}: {@code namespaces} lists the state namespaces a team's agents may read and write (absent: any
 * but {@code memory}, which is AgentPlane's own). A team that fetches web pages or runs untrusted tools should list
 * them, so a prompt injected through a page cannot reach the rest of the organization's state.
 */
public record StateSettings(Optional<List<String>> namespaces) {
    public static StateSettings defaults() {
        return new StateSettings(Optional.empty());
    }

    public static StateSettings from(JsonNode node, String path) {
        SettingsReader settings = SettingsReader.of(node, path, Set.of("namespaces"));
        Optional<List<String>> namespaces = settings.optionalStrings("namespaces");
        namespaces.ifPresent(list -> {
            if (list.contains(ControlPlaneTools.MEMORY_NAMESPACE)) {
                throw new IllegalArgumentException(settings.path("namespaces") + " cannot include memory: it holds the "
                        + "agents' memories, which AgentPlane keeps itself");
            }
        });
        return new StateSettings(namespaces);
    }

    boolean allows(String namespace) {
        return !namespace.equals(ControlPlaneTools.MEMORY_NAMESPACE) && namespaces.map(list -> list.contains(namespace)).orElse(true);
    }
}
