package dev.agentplane.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of an audit row: SHA-256 (hex) over a canonical JSON array of the row's content and the previous
 * row's hash. Canonical means no whitespace, object keys sorted, numbers in plain decimal without trailing
 * zeros, so the hash survives the database's own JSON normalization (PostgreSQL's JSONB reorders keys and
 * may print 1.0E20 as 100000000000000000000).
 */
final class AuditChain {
    /** What the first row of an org's chain links to. */
    static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "v1";

    private AuditChain() {}

    record Content(String id, String orgId, long seq, String actorKeyId, String actorAgentId, String action,
                   String resourceType, String resourceId, JsonNode details, String requestId, long createdAtMillis,
                   String prevHash) {
        /** The same content placed in the chain at {@code chainSeq}, after the row whose hash is {@code previous}. */
        Content linkedAt(long chainSeq, String previous) {
            return new Content(id, orgId, chainSeq, actorKeyId, actorAgentId, action, resourceType, resourceId, details,
                    requestId, createdAtMillis, previous);
        }
    }

    static String hash(Content row) {
        StringBuilder out = new StringBuilder(256).append('[');
        string(out, VERSION).append(',');
        string(out, row.id()).append(',');
        string(out, row.orgId()).append(',').append(row.seq()).append(',');
        string(out, row.actorKeyId()).append(',');
        string(out, row.actorAgentId()).append(',');
        string(out, row.action()).append(',');
        string(out, row.resourceType()).append(',');
        string(out, row.resourceId()).append(',');
        canonical(out, row.details()).append(',');
        string(out, row.requestId()).append(',').append(row.createdAtMillis()).append(',');
        string(out, row.prevHash()).append(']');
        return sha256(out.toString());
    }

    static StringBuilder canonical(StringBuilder out, JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out.append("null");
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, names.get(i)).append(':');
                canonical(out, node.get(names.get(i)));
            }
            return out.append('}');
        }
        if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(out, node.get(i));
            }
            return out.append(']');
        }
        if (node.isNumber()) {
            return out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        }
        if (node.isBoolean()) {
            return out.append(node.booleanValue());
        }
        return string(out, node.asText());
    }

    private static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        return out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(value)).append('"');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
