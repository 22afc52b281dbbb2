package dev.agentplane.server.docs;

import dev.agentplane.server.http.ApiRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schema of workflow definitions, public so that editors can fetch it (docs/workflows.md, "Editor
 * support"). The build copies it into the jar from schemas/ at the repository root, its only source.
 */
public final class SchemaRoutes {
    static final String WORKFLOW_SCHEMA = "/schemas/workflow.schema.json";

    private SchemaRoutes() {}

    public static void register(ApiRouter router) {
        byte[] schema = load(WORKFLOW_SCHEMA);
        router.get(WORKFLOW_SCHEMA, ctx -> ctx.contentType("application/schema+json").result(schema));
    }

    private static byte[] load(String resource) {
        try (InputStream in = SchemaRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath: the build copies it from schemas/");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
