-- LAN devices (issue 24): a tablet or second PC approved by the administrator. Only the SHA-256
-- of the device's token is kept, so the data folder (or a backup) never holds a usable token.
-- A revoked device keeps its row (who approved it, who ended it) for the record.
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  approved_at TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);
