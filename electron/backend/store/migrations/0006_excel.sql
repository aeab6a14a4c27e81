-- Excel import/export: the column mappings clerks save for files of a known shape, and the
-- street office's report templates they register (the .xlsx kept as it was sent).

CREATE TABLE excel_mappings (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  name TEXT NOT NULL,
  -- The normalised headers joined: a file with the same headers gets this mapping proposed.
  signature TEXT NOT NULL,
  headers TEXT NOT NULL,
  -- JSON array: the field of each column by position, null = not imported.
  mapping TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (target, name)
);
CREATE INDEX excel_mappings_signature ON excel_mappings (target, signature);

CREATE TABLE excel_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- Which list fills it ('residents', 'households').
  list TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file BLOB NOT NULL,
  sheet_name TEXT NOT NULL,
  -- Excel row numbers of the column headings; data starts on the row after header_end.
  header_start INTEGER NOT NULL,
  header_end INTEGER NOT NULL,
  headers TEXT NOT NULL,
  mapping TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
