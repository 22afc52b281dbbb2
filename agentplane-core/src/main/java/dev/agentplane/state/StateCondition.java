package dev.agentplane.state;

import dev.agentplane.common.problems.InvalidInputException;

/** The precondition of a write, from the {@code If-Match} and {@code If-None-Match} headers. */
public sealed interface StateCondition {
    /** No precondition: create or replace. */
    record Always() implements StateCondition {}

    /** {@code If-Match: "n"}: only if the entry exists with exactly this version. */
    record VersionIs(long version) implements StateCondition {}

    /** {@code If-Match: *}: only if the entry exists, whatever its version. */
    record Exists() implements StateCondition {}

    /** {@code If-None-Match: *}: only if the entry does not exist (create only). */
    record Absent() implements StateCondition {}

    StateCondition ALWAYS = new Always();

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Reads the two headers (null when absent); a malformed or contradictory pair is a 400 naming the header. */
    static StateCondition fromHeaders(String ifMatch, String ifNoneMatch) {
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.strip().equals("*")) {
                throw InvalidInputException.parameter("If-None-Match", "'" + ifNoneMatch + "' is not supported",
                        "send If-None-Match: * to create the entry only if it does not exist, or leave the header out");
            }
            if (ifMatch != null) {
                throw InvalidInputException.parameter("If-None-Match", "cannot be combined with If-Match",
                        "send If-Match to update a known version, or If-None-Match: * to create only, not both");
            }
            return new Absent();
        }
        if (ifMatch == null) {
            return ALWAYS;
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            return new Exists();
        }
        long version = quotedVersion(tag);
        if (version < 1) {
            throw InvalidInputException.parameter("If-Match", "'" + ifMatch + "' is not an ETag of a state entry",
                    "send the ETag header of the last read exactly as received, quotes included, e.g. If-Match: \"3\"");
        }
        return new VersionIs(version);
    }

    /** The version inside a strong ETag such as {@code "3"}, or -1 when the tag is not one. */
    private static long quotedVersion(String tag) {
        int length = tag.length();
        if (length < 3 || length > 20 || tag.charAt(0) != '"' || tag.charAt(length - 1) != '"' || tag.charAt(1) == '0') {
            return -1;
        }
        long version = 0;
        for (int i = 1; i < length - 1; i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            version = version * 10 + (c - '0');
        }
        return version;
    }
}
