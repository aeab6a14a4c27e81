-- The 每日疫情防控报表 (report issue): its remembered settings and what was sent upward.

CREATE TABLE report_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  reporter TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL DEFAULT '',
  -- JSON array of province names (重点地区).
  key_provinces TEXT NOT NULL DEFAULT '[]',
  not_observed_days INTEGER NOT NULL DEFAULT 14
);
INSERT INTO report_settings (id) VALUES (1);

-- A report as sent (报送) or corrected (更正): the content is the JSON of the sections, header and
-- note as they were sent; the hash is SHA-256 over day, kind, who, when and that content.
CREATE TABLE report_submissions (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('report', 'correction')),
  content TEXT NOT NULL,
  hash TEXT NOT NULL,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX report_submissions_day ON report_submissions (day, id);
-- Sent is sent: a correction is a new row, never an edit.
CREATE TRIGGER report_submissions_frozen BEFORE UPDATE ON report_submissions
BEGIN
  SELECT RAISE(ABORT, 'a submitted report is never changed');
END;

-- A day's gate traffic and fevers by category, direction and disposition from the index alone
-- (a busy gate writes thousands of entries a day).
CREATE INDEX gate_entries_day_tally ON gate_entries (day, who, direction, abnormal, action);
