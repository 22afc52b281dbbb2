package dev.agentplane.server.docs;

import dev.agentplane.server.http.ApiRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schemas of workflow definitions and team files, public so that editors can fetch them (docs/workflows.md
 * and docs/teams.md, "Editor support"). The build copies them into the jar from schemas/ at the repository root,
 * their only source.
 */
public final class SchemaRoutes {
    static final String WORKFLOW_SCHEMA = "/schemas/workflow.schema.json";
    static final String TEAM_SCHEMA = "/schemas/team.schema.json";

    private SchemaRoutes() {}

    public static void register(ApiRouter router) {
        for (String path : new String[] {WORKFLOW_SCHEMA, TEAM_SCHEMA}) {
            byte[] schema = load(path);
            router.get(path, ctx -> ctx.contentType("application/schema+json").result(schema));
        }
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
