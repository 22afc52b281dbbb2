package dev.agentplane.server.docs;

import dev.agentplane.server.http.OpenApiContract;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The contract as YAML and JSON, and an interactive playground (Swagger UI from its WebJar) at /docs. */
public final class DocsRoutes {
    private static final String SWAGGER_UI_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private DocsRoutes() {}

    /** The bundled Swagger UI's version, read from its WebJar so a dependency bump cannot break /docs. */
    static String swaggerUiVersion() {
        Properties pom = new Properties();
        try (InputStream in = DocsRoutes.class.getResourceAsStream(SWAGGER_UI_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the classpath");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    public static void register(Javalin app, OpenApiContract contract) {
        String json = contract.json();
        app.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(contract.yaml()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(json));
        String page = page(swaggerUiVersion());
        app.get("/docs", ctx -> ctx.html(page));
    }

    private static String page(String swaggerUiVersion) {
        String base = "/webjars/swagger-ui/" + swaggerUiVersion;
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
