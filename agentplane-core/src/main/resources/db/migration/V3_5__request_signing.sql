-- Optional request signing per API key. The signing secret is kept as issued (an HMAC is verified by computing
-- it again, which needs the secret itself); NULL means the key does not sign its requests.
ALTER TABLE api_keys ADD COLUMN signing_secret TEXT;

-- Signatures already accepted, so a captured signed request cannot be sent again to any server on this
-- database. A row is needed only while its timestamp is inside the validity window (expires_at); after that
-- the timestamp check refuses the request anyway and the row is purged.
CREATE TABLE used_signatures (
    signature  TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX used_signatures_by_expiry ON used_signatures (expires_at);
