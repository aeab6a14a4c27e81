-- Accounts of the people who use the app. Passwords only as scrypt hashes.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'grid_worker', 'gate', 'readonly')),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The grids a grid worker's account may see (grids live in the register).
CREATE TABLE account_grids (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  grid_id INTEGER NOT NULL REFERENCES grids (id),
  PRIMARY KEY (account_id, grid_id)
);

-- Which record an audit entry is about ('resident:12'), so the log can be filtered by record.
ALTER TABLE audit_log ADD COLUMN record TEXT;
CREATE INDEX audit_log_record ON audit_log (record, at);
