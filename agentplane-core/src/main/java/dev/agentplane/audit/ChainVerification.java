package dev.agentplane.audit;

/** The result of walking an org's audit chain: valid, or the first row where it breaks. */
public record ChainVerification(boolean valid, long checked, BrokenLink firstBroken) {

    /** reason is "hash mismatch" (the row's content changed) or "broken link" (a row is missing or out of place). */
    public record BrokenLink(String id, String reason) {}

    static final String HASH_MISMATCH = "hash mismatch";
    static final String BROKEN_LINK = "broken link";
}
