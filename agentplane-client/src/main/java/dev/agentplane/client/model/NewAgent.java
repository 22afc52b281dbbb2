package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of {@code agents().register(...)}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAgent(
        String name,
        String framework,
        String description,
        List<String> capabilities,
        Object config) {

    public static NewAgent named(String name) {
        return new NewAgent(name, null, null, null, null);
    }

    public NewAgent withFramework(String framework) {
        return new NewAgent(name, framework, description, capabilities, config);
    }

    public NewAgent withDescription(String description) {
        return new NewAgent(name, framework, description, capabilities, config);
    }

    public NewAgent withCapabilities(String... capabilities) {
        return new NewAgent(name, framework, description, List.of(capabilities), config);
    }

    public NewAgent withConfig(Object config) {
        return new NewAgent(name, framework, description, capabilities, config);
    }
}
