package dev.agentplane.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signing scheme, checked against known answers: the worked example of docs/security.md and RFC 4231-style HMAC. */
class RequestSignatureTest {
    // The worked example in docs/security.md, "Request signing" (the server's SecurityDocTest checks the document).
    static final String SECRET = "aps_docs-example-signing-secret-0123456789abcde";
    static final long TIMESTAMP = 1767225600;
    static final String BODY = "{\"value\":{\"items\":3}}";
    static final String BODY_SHA256 = "bbc61d713b74158a807b9d95cbf0676b1ada2fae9fbac8b0286388217683673c";
    static final String SIGNATURE = "e9c6b00aa952d3a6293dad562982057c9a47d262de5d4dc529f633c4d8c3d43d";

    @Test
    void the_worked_example_of_the_documentation_signs_as_documented() {
        String stringToSign = RequestSignature.stringToSign(TIMESTAMP, "PUT", "/v1/state/checkout/cart-42",
                BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(stringToSign).isEqualTo("1767225600\nPUT\n/v1/state/checkout/cart-42\n" + BODY_SHA256);
        assertThat(new SigningSecret(SECRET).sign(stringToSign)).isEqualTo(SIGNATURE);
        assertThat(new SigningSecret(SECRET).verifies(stringToSign, SIGNATURE)).isTrue();
    }

    @Test
    void a_request_without_a_body_hashes_the_empty_string() {
        assertThat(RequestSignature.stringToSign(1, "GET", "/v1/agents?limit=2", new byte[0]))
                .isEqualTo("1\nGET\n/v1/agents?limit=2\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void hmac_matches_a_known_answer_and_verification_refuses_anything_else() {
        SigningSecret secret = new SigningSecret("key");
        String expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";

        assertThat(secret.sign("The quick brown fox jumps over the lazy dog")).isEqualTo(expected);
        assertThat(secret.verifies("The quick brown fox jumps over the lazy dog.", expected)).isFalse();
        assertThat(secret.verifies("The quick brown fox jumps over the lazy dog", expected.substring(2))).isFalse();
        assertThat(secret.verifies("The quick brown fox jumps over the lazy dog", "not hex")).isFalse();
        assertThat(new SigningSecret("other").verifies("The quick brown fox jumps over the lazy dog", expected)).isFalse();
    }

    @Test
    void a_secret_never_prints_its_value() {
        assertThat(new SigningSecret(SECRET).toString()).doesNotContain("aps_").contains("REDACTED");
        assertThat(new AuthenticatedKey(new Actor("org", "key", null, Role.ADMIN, null), new SigningSecret(SECRET)).toString())
                .doesNotContain(SECRET);
    }
}
