-- 更正 of gate entries, and gate fevers as health events of the resident (issues 16, 17).
-- gate_entries keeps an entry's effective values, the ones every list, count, export and report
-- reads; a 更正 updates them in place, stamps corrected_at and keeps what it replaced in
-- gate_corrections, so the original is the "before" of the entry's first correction.
ALTER TABLE gate_entries ADD COLUMN corrected_at TEXT;
-- A fever of a resident under observation is also the day's check of their episode: which
-- episode, and that check row as it was before (JSON; 'null' when there was none), so a 更正 that
-- takes the fever back restores the check instead of leaving a fever nobody had.
ALTER TABLE gate_entries ADD COLUMN episode_id INTEGER REFERENCES observation_episodes (id);
ALTER TABLE gate_entries ADD COLUMN check_before TEXT;

CREATE TABLE gate_corrections (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES gate_entries (id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  -- The corrected fields, before and after (JSON objects with the same keys).
  before TEXT NOT NULL,
  after TEXT NOT NULL
);
CREATE INDEX gate_corrections_entry ON gate_corrections (entry_id, id);

-- A resident's gate fevers (their detail page, the health worklist): few rows, read by person.
CREATE INDEX gate_entries_resident_fever ON gate_entries (resident_id, day) WHERE abnormal = 1 AND resident_id IS NOT NULL;
