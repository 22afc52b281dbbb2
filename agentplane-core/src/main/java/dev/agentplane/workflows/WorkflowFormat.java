package dev.agentplane.workflows;

import dev.agentplane.common.problems.ProblemException;
import java.util.List;
import java.util.Locale;

/** The languages a definition can be written in, chosen by the request's {@code Content-Type}. */
public enum WorkflowFormat {
    JSON, YAML;

    public static final List<String> MEDIA_TYPES =
            List.of("application/json", "application/yaml", "application/x-yaml", "text/yaml");

    /** The format of a body with this {@code Content-Type} (parameters such as charset are ignored); else 415. */
    public static WorkflowFormat ofContentType(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json" -> JSON;
            case "application/yaml", "application/x-yaml", "text/yaml" -> YAML;
            default -> throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    (mediaType.isEmpty() ? "the request has no Content-Type" : "Content-Type '" + mediaType
                            + "' is not accepted here") + "; send the definition as one of " + MEDIA_TYPES);
        };
    }
}
