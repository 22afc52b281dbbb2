package dev.agentplane.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.server.testing.RequestSigner;
import dev.agentplane.tenancy.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The role matrix in docs/security.md is the one the server enforces, and its request-signing example signs as
 * documented. After changing routes or rules, run this test with {@code -Dagentplane.updateDocs=true} to rewrite
 * the matrix in the document, then review the diff.
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

    /** Every value of the worked example, computed here from the example's inputs, appears in the document. */
    @Test
    void the_request_signing_example_has_the_values_the_scheme_gives() throws IOException {
        String doc = Files.readString(DOC);
        String secret = "aps_docs-example-signing-secret-0123456789abcde";
        long timestamp = 1767225600;
        String target = "/v1/state/checkout/cart-42";
        String body = "{\"value\":{\"items\":3}}";
        String bodyHash = RequestSigner.sha256Hex(body);
        String stringToSign = RequestSigner.stringToSign(timestamp, "PUT", target, body);

        assertThat(java.time.Instant.ofEpochSecond(timestamp)).hasToString("2026-01-01T00:00:00Z");
        assertThat(doc).contains("with a body of `" + body + "` at `2026-01-01T00:00:00Z`")
                .contains("| signing secret | `" + secret + "` |")
                .contains("| timestamp | `" + timestamp + "` |")
                .contains("| method | `PUT` |")
                .contains("| request target | `" + target + "` |")
                .contains("| body | `" + body + "` |")
                .contains("| body hash (SHA-256, hex) | `" + bodyHash + "` |")
                .contains("```text\n" + stringToSign + "\n```")
                .contains("AgentPlane-Timestamp: " + timestamp + "\nAgentPlane-Signature: v1="
                        + RequestSigner.hmacSha256Hex(secret, stringToSign) + "\n")
                .contains("the empty string, `" + RequestSigner.sha256Hex("") + "`");
    }

    static String expectedMatrix() {
        StringBuilder table = new StringBuilder("<!-- role-matrix -->\n| operation | method and path | admin | developer | agent | viewer | auditor |\n|---|---|:-:|:-:|:-:|:-:|:-:|\n");
        OpenApiContract.load().operations().stream()
                .filter(op -> ApiRouter.needsKey(op.path()))
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
