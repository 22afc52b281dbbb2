package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The fields of an agent to change; null fields stay as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentUpdate(
        String name,
        String framework,
        String description,
        List<String> capabilities,
        Object config) {

    public static AgentUpdate capabilities(String... capabilities) {
        return new AgentUpdate(null, null, null, List.of(capabilities), null);
    }
}
