-- Key-group care (重点人群关爱, issue 21): a plan per person (how often, by whom) and the contacts
-- made. Whether a contact is due on a day is the one rule in shared/domain/care.ts (isCareDue), so
-- nothing here stores "due"; the person's grid and key groups are read from the register, never
-- copied, so a move or a changed tag shows at once.

CREATE TABLE care_plans (
  id INTEGER PRIMARY KEY,
  resident_id INTEGER NOT NULL REFERENCES residents (id),
  frequency TEXT NOT NULL CHECK (frequency IN ('daily_call', 'alternate_call', 'weekly_call', 'weekly_visit')),
  -- The first day a contact is due (local calendar day); weekly plans fall on its weekday.
  anchor_day TEXT NOT NULL,
  -- Exactly one: a grid worker's account or a volunteer.
  account_id INTEGER REFERENCES accounts (id),
  volunteer_id INTEGER REFERENCES volunteers (id),
  notes TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((account_id IS NULL) <> (volunteer_id IS NULL))
);
-- One plan a person: a second would double their calls.
CREATE UNIQUE INDEX care_plans_resident ON care_plans (resident_id);

CREATE TABLE care_contacts (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES care_plans (id),
  -- The local calendar day the contact is for.
  day TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('phone', 'visit', 'wechat')),
  outcome TEXT NOT NULL CHECK (outcome IN ('normal', 'needs_help', 'abnormal')),
  note TEXT NOT NULL DEFAULT '',
  help_request_id INTEGER REFERENCES help_requests (id),
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
-- One contact a plan a day: the worklist's 已联系 and the print's 上次联系 read it.
CREATE UNIQUE INDEX care_contacts_plan_day ON care_contacts (plan_id, day);
CREATE INDEX care_contacts_day ON care_contacts (day, outcome);
