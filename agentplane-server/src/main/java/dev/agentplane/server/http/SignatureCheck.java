package dev.agentplane.server.http;

import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.RequestSignature;
import dev.agentplane.tenancy.SigningSecret;
import dev.agentplane.tenancy.UsedSignatures;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Checks the signature of a request made with a key that signs its requests (docs/security.md, "Request
 * signing"): both headers present and well formed, the timestamp within {@link RequestSignature#WINDOW_SECONDS}
 * of the server's clock, the HMAC right, and the signature never used before. Every refusal is a 401 that says
 * what to fix, and never shows the signature the server expected.
 */
final class SignatureCheck {
    static final String TIMESTAMP = "AgentPlane-Timestamp";
    static final String SIGNATURE = "AgentPlane-Signature";
    private static final String STRING_TO_SIGN = "'<timestamp>\\n<METHOD>\\n<path>[?<query>]\\n<hex SHA-256 of the body>'";
    private static final String FORMAT = "'" + SIGNATURE + ": v1=<64 lowercase hex digits>', the HMAC-SHA256 keyed with "
            + "the key's signing secret of " + STRING_TO_SIGN + " (docs/security.md, 'Request signing')";
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,11}");
    private static final Pattern V1 = Pattern.compile("v1=[0-9a-f]{64}");
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z0-9_-]{1,20})=.*");

    private final UsedSignatures used;
    private final Clock clock;

    SignatureCheck(UsedSignatures used, Clock clock) {
        this.used = used;
        this.clock = clock;
    }

    /** Returns if the request is signed with {@code secret} and new; otherwise throws a 401 naming the reason. */
    void verify(Context ctx, SigningSecret secret) {
        String timestampHeader = trimmed(ctx.header(TIMESTAMP));
        String signatureHeader = trimmed(ctx.header(SIGNATURE));
        if (timestampHeader == null && signatureHeader == null) {
            throw refused("this key signs its requests, and this request carries neither " + TIMESTAMP + " nor "
                    + SIGNATURE + ": send '" + TIMESTAMP + ": <current Unix time in seconds>' and " + FORMAT);
        }
        if (timestampHeader == null) {
            throw refused("this key signs its requests, and the " + TIMESTAMP + " header is missing: send the current "
                    + "Unix time in seconds, e.g. '" + TIMESTAMP + ": " + nowSeconds() + "', and sign it with the request");
        }
        if (signatureHeader == null) {
            throw refused("this key signs its requests, and the " + SIGNATURE + " header is missing: send " + FORMAT);
        }
        long timestamp = parseTimestamp(timestampHeader);
        checkSignatureFormat(signatureHeader);
        checkWindow(timestamp);
        String stringToSign = RequestSignature.stringToSign(timestamp, ctx.req().getMethod(), target(ctx), Bodies.raw(ctx));
        if (!secret.verifies(stringToSign, signatureHeader.substring(3))) {
            throw refused("the " + SIGNATURE + " does not match this request: it must be " + FORMAT + ". For this "
                    + "request the string to sign is \"" + stringToSign.replace("\n", "\\n") + "\". Check that you "
                    + "use this key's signing secret, sign the body bytes exactly as sent, and sign the path and query "
                    + "exactly as sent (still percent-encoded)");
        }
        long expiresAt = (timestamp + RequestSignature.WINDOW_SECONDS) * 1000;
        if (!used.firstUse(signatureHeader.substring(3), expiresAt)) {
            throw refused("this " + SIGNATURE + " was already used: the request was replayed. A signature is "
                    + "accepted once; sign every request anew when you send it (a retry too)");
        }
    }

    /** The request target as sent: the raw path and, when the request line has one, '?' and the raw query. */
    private static String target(Context ctx) {
        String query = ctx.req().getQueryString();
        return query == null ? ctx.req().getRequestURI() : ctx.req().getRequestURI() + "?" + query;
    }

    private long parseTimestamp(String header) {
        if (!SECONDS.matcher(header).matches()) {
            String hint = header.matches("[0-9]{12,}") ? " (it looks like milliseconds; send seconds)" : "";
            throw refused("the " + TIMESTAMP + " must be the Unix time in whole seconds, e.g. '" + TIMESTAMP + ": "
                    + nowSeconds() + "'" + hint);
        }
        return Long.parseLong(header);
    }

    private static void checkSignatureFormat(String header) {
        if (V1.matcher(header).matches()) {
            return;
        }
        if (header.contains(",")) {
            throw refused("the " + SIGNATURE + " holds several values; send exactly one: " + FORMAT);
        }
        var scheme = SCHEME.matcher(header);
        if (scheme.matches() && !scheme.group(1).equals("v1")) {
            throw refused("the " + SIGNATURE + " scheme '" + scheme.group(1) + "' is not supported; the only scheme is "
                    + "v1: send " + FORMAT);
        }
        throw refused("the " + SIGNATURE + " is malformed: send " + FORMAT);
    }

    private void checkWindow(long timestamp) {
        long age = nowSeconds() - timestamp;
        if (age > RequestSignature.WINDOW_SECONDS) {
            throw refused("the " + TIMESTAMP + " is " + age + " s old; signed requests are valid for "
                    + RequestSignature.WINDOW_SECONDS + " s: sign each request when you send it and check the "
                    + "client's clock");
        }
        if (-age > RequestSignature.WINDOW_SECONDS) {
            throw refused("the " + TIMESTAMP + " is " + -age + " s in the future; signed requests are valid for "
                    + RequestSignature.WINDOW_SECONDS + " s either side of the server's clock: check the client's "
                    + "clock (is it synchronized, and in Unix seconds?)");
        }
    }

    private long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000);
    }

    private static String trimmed(String header) {
        return header == null || header.isBlank() ? null : header.trim();
    }

    private static ProblemException refused(String detail) {
        return Authentication.unauthorized(detail);
    }
}
