package dev.agentplane.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.client.internal.RequestSigner;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The worked example of docs/security.md ("Request signing"). */
class RequestSignerTest {
    private static final byte[] BODY = "{\"value\":{\"items\":3}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signs_the_worked_example_of_the_security_docs() {
        RequestSigner signer = new RequestSigner("aps_docs-example-signing-secret-0123456789abcde");

        assertThat(RequestSigner.stringToSign(1767225600L, "PUT", "/v1/state/checkout/cart-42", BODY)).isEqualTo("""
                1767225600
                PUT
                /v1/state/checkout/cart-42
                bbc61d713b74158a807b9d95cbf0676b1ada2fae9fbac8b0286388217683673c""");
        assertThat(signer.signature(1767225600L, "PUT", "/v1/state/checkout/cart-42", BODY))
                .isEqualTo("v1=e9c6b00aa952d3a6293dad562982057c9a47d262de5d4dc529f633c4d8c3d43d");
    }

    @Test
    void a_request_without_a_body_signs_the_hash_of_nothing() {
        assertThat(RequestSigner.stringToSign(1L, "get", "/v1/state/checkout?prefix=cart%3A", new byte[0]))
                .isEqualTo("1\nGET\n/v1/state/checkout?prefix=cart%3A\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
