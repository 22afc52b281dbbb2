-- Tamper evidence: each org's audit rows form a hash chain (see AuditChain). Rows written before this migration
-- keep NULL chain columns and are not part of any chain: an org's chain starts at its first row written after
-- it, which links to the genesis value. (A backfill would vouch for rows nobody hashed when they were written.)
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
-- Two rows of one org can never claim the same place in the chain (NULLs, the unchained rows, do not clash).
CREATE UNIQUE INDEX audit_chain_by_org ON audit_log (org_id, chain_seq);

-- The end of each org's chain. Appending locks this row, so concurrent transactions of one org link in turn;
-- it also lets verification notice rows removed from the end of the chain.
CREATE TABLE audit_heads (
    org_id    ${key} PRIMARY KEY REFERENCES orgs (id),
    last_seq  BIGINT NOT NULL,
    last_id   ${key},
    last_hash TEXT NOT NULL
);
