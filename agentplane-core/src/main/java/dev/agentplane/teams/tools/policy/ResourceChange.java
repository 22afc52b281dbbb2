package dev.agentplane.teams.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The {@code resource} a rule sees, built from one entry of a plan's {@code resource_changes}: Terraform's fields
 * as they are, plus what makes rules short and generic. {@code values} / {@code before_values} are the planned /
 * prior attributes without null-valued keys (so {@code has()} and {@code .?x.orValue()} mean "set"), or, for a
 * {@code terraform_data}, its {@code input} object, so rules written for cloud resources rehearse on it; its
 * {@code input.resource_type}, when given, is the {@code kind} (otherwise the type). {@code tags} /
 * {@code before_tags} merge {@code labels}, {@code tags_all} and {@code tags}; {@code taggable} says the resource
 * has such an attribute at all; {@code unknown} holds the keys known only after apply.
 */
final class ResourceChange {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TAG_KEYS = List.of("labels", "tags_all", "tags");

    private ResourceChange() {}

    /** Whether rules look at it: managed resources that the plan changes (not no-op, not data sources). */
    static boolean checked(JsonNode change) {
        if (!"managed".equals(change.path("mode").asText("managed"))) {
            return false;
        }
        JsonNode actions = change.path("change").path("actions");
        return !(actions.size() == 1 && "no-op".equals(actions.get(0).asText())) && !actions.isEmpty();
    }

    static ObjectNode view(JsonNode change) {
        JsonNode body = change.path("change");
        String type = change.path("type").asText();
        ObjectNode resource = NODES.objectNode();
        for (String key : List.of("address", "type", "name", "mode", "module_address", "provider_name")) {
            resource.put(key, change.path(key).asText(""));
        }
        resource.set("actions", body.path("actions").deepCopy());
        JsonNode before = body.path("before");
        JsonNode after = body.path("after");
        resource.set("before", before.isMissingNode() ? NODES.nullNode() : before);
        resource.set("after", after.isMissingNode() ? NODES.nullNode() : after);
        JsonNode rawValues = values(type, after);
        ObjectNode values = withoutNulls(rawValues);
        ObjectNode beforeValues = withoutNulls(values(type, before));
        ObjectNode unknown = unknown(type, body.path("after_unknown"));
        resource.set("values", values);
        resource.set("before_values", beforeValues);
        resource.set("unknown", unknown);
        JsonNode declaredKind = values.path("resource_type");
        resource.put("kind", type.equals("terraform_data") && declaredKind.isTextual() ? declaredKind.asText() : type);
        resource.set("tags", tags(values));
        resource.set("before_tags", tags(beforeValues));
        resource.put("taggable", TAG_KEYS.stream().anyMatch(key -> rawValues.has(key) || unknown.has(key)));
        return resource;
    }

    private static JsonNode values(String type, JsonNode attributes) {
        if (type.equals("terraform_data") && attributes.path("input").isObject()) {
            return attributes.path("input");
        }
        return attributes.isObject() ? attributes : NODES.objectNode();
    }

    private static ObjectNode unknown(String type, JsonNode afterUnknown) {
        JsonNode level = values(type, afterUnknown);
        ObjectNode unknown = NODES.objectNode();
        level.properties().forEach(field -> {
            if (anyTrue(field.getValue())) {
                unknown.put(field.getKey(), true);
            }
        });
        return unknown;
    }

    private static boolean anyTrue(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        for (JsonNode child : node) {
            if (anyTrue(child)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode tags(ObjectNode values) {
        ObjectNode tags = NODES.objectNode();
        for (String key : TAG_KEYS) {
            if (values.path(key).isObject()) {
                tags.setAll((ObjectNode) values.get(key));
            }
        }
        return tags;
    }

    private static ObjectNode withoutNulls(JsonNode node) {
        return node.isObject() ? (ObjectNode) strip(node) : NODES.objectNode();
    }

    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isNull()) {
                    copy.set(field.getKey(), strip(field.getValue()));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(element -> copy.add(strip(element)));
            return copy;
        }
        return node;
    }
}
