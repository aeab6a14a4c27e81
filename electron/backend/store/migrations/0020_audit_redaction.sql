-- 数据保留与清理 (issue 20): a purge destroys epidemic records, and the audit rows about them
-- (their summary names the person) lose their summary and detail but stay in the chain: who, when
-- and which action remain. redacted_at marks such a row; the chain check accepts a blanked row only
-- when a later 清理记录 (retention.purge / retention.end) lists its id.
ALTER TABLE audit_log ADD COLUMN redacted_at TEXT;
