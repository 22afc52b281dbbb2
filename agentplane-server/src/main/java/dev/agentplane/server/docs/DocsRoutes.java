package dev.agentplane.server.docs;

import dev.agentplane.server.http.OpenApiContract;
import io.javalin.Javalin;

/** The contract as YAML and JSON, and an interactive playground (Swagger UI from its WebJar) at /docs. */
public final class DocsRoutes {
    static final String SWAGGER_UI_VERSION = "5.30.2";

    private DocsRoutes() {}

    public static void register(Javalin app, OpenApiContract contract) {
        String json = contract.json();
        app.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(contract.yaml()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(json));
        app.get("/docs", ctx -> ctx.html(page()));
    }

    private static String page() {
        String base = "/webjars/swagger-ui/" + SWAGGER_UI_VERSION;
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>AgentPlane API</title>
                  <link rel="stylesheet" href="%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$s/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true});
                  </script>
                </body>
                </html>
                """.formatted(base);
    }
}
