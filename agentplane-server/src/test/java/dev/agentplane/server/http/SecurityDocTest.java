package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.tenancy.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The role matrix in docs/security.md is the one the server enforces. After changing routes or rules, run this test
 * with {@code -Dagentplane.updateDocs=true} to rewrite the matrix in the document, then review the diff.
 */
class SecurityDocTest {
    private static final Path DOC = Path.of("..", "docs", "security.md");

    @Test
    void the_documented_role_matrix_matches_the_access_policy() throws IOException {
        String doc = Files.readString(DOC);
        if (Boolean.getBoolean("agentplane.updateDocs")) {
            doc = doc.substring(0, doc.indexOf("<!-- role-matrix -->")) + expectedMatrix()
                    + doc.substring(doc.indexOf("<!-- /role-matrix -->") + "<!-- /role-matrix -->".length());
            Files.writeString(DOC, doc);
        }

        assertThat(doc).as("docs/security.md must contain this matrix, between the markers").contains(expectedMatrix());
    }

    static String expectedMatrix() {
        StringBuilder table = new StringBuilder("<!-- role-matrix -->\n| operation | method and path | admin | developer | agent | viewer | auditor |\n|---|---|:-:|:-:|:-:|:-:|:-:|\n");
        OpenApiContract.load().operations().stream()
                .filter(op -> op.path().startsWith("/v1/"))
                .sorted(Comparator.comparing(OpenApiContract.Operation::path).thenComparing(OpenApiContract.Operation::method))
                .forEach(op -> table.append("| ").append(op.operationId()).append(" | `").append(op.method()).append(' ')
                        .append(op.path()).append("` | ")
                        .append(java.util.Arrays.stream(Role.values())
                                .map(role -> AccessPolicy.rolesFor(op.operationId()).contains(role) ? "✓" : "")
                                .collect(Collectors.joining(" | ")))
                        .append(" |\n"));
        return table.append("<!-- /role-matrix -->").toString();
    }
}
