-- Logins that cannot lock the office out (README: 隐私保护 / 登录).
-- failed_attempts and locked_until (0003) are no longer read: wrong passwords slow guessing
-- down in memory instead of locking the account, so a flood of them cannot keep its owner out.

-- Set when an administrator creates an account or resets its password: the person must choose
-- their own password at the first login, so the one the administrator typed stops working.
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

-- scrypt hash of the administrator's recovery code (shown once, never stored in clear).
ALTER TABLE accounts ADD COLUMN recovery_hash TEXT;

-- Server-side secrets, e.g. the key that signs device tokens. Never returned by any method.
CREATE TABLE auth_keys (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);
