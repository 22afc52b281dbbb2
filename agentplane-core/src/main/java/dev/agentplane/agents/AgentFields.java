package dev.agentplane.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;
import java.util.List;

/** The fields a caller sets on an agent, at registration or (merged with the current ones) on update. */
public record AgentFields(String name, String framework, String description, List<String> capabilities, JsonNode config) {
    public AgentFields {
        capabilities = capabilities == null ? List.of() : capabilities;
    }

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/name", name, "name the agent, e.g. \"invoice-reader\"")
                .maxLength("/name", name, 100)
                .matches("/name", name, Names.NAME, "use letters, digits, '.', '_' and '-', starting with a letter or digit")
                .maxLength("/framework", framework, 100)
                .maxLength("/description", description, 2000);
        for (int i = 0; i < capabilities.size(); i++) {
            String capability = capabilities.get(i);
            errors.required("/capabilities/" + i, capability, "list capabilities as non-empty strings, e.g. \"ocr\"");
            errors.maxLength("/capabilities/" + i, capability, 100);
        }
        if (config != null && !config.isNull() && !config.isObject()) {
            errors.add("/config", "is not a JSON object", "send config as an object, e.g. {\"model\": \"gpt-4o\"}");
        }
        errors.throwIfAny();
    }
}
