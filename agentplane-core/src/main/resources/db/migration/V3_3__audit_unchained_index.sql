-- Audit rows are chained after commit by a background chainer, which looks for the unchained ones.
CREATE INDEX audit_unchained ON audit_log (org_id, id) WHERE chain_seq IS NULL;
