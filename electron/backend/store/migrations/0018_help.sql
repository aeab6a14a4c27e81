-- Residents' help requests (居民求助, issue 21): the request, every step it took (who, when, from
-- and to which status) and the 代购 money advanced and paid back. Statuses and steps follow the one
-- table in shared/domain/help.ts; the CHECKs only keep out what no build ever writes.

CREATE TABLE help_requests (
  id INTEGER PRIMARY KEY,
  -- From the register (the household, and the person when known), or a caller's own words.
  household_id INTEGER REFERENCES households (id),
  resident_id INTEGER REFERENCES residents (id),
  caller_name TEXT NOT NULL DEFAULT '',
  caller_phone TEXT NOT NULL DEFAULT '',
  caller_address TEXT NOT NULL DEFAULT '',
  -- The household's grid (kept in step by the triggers below), or the one the clerk chose for a caller.
  grid_id INTEGER,
  channel TEXT NOT NULL CHECK (channel IN ('phone', 'wechat', 'visit', 'gate', 'grid_worker')),
  type TEXT NOT NULL CHECK (type IN ('groceries', 'medicine', 'medical', 'counselling', 'enquiry', 'garbage', 'other')),
  urgency TEXT NOT NULL CHECK (urgency IN ('life', 'health', 'hardship', 'normal')),
  -- 0 = 危及生命 .. 3 = 一般: the list's order without a CASE.
  urgency_rank INTEGER NOT NULL,
  content TEXT NOT NULL,
  -- The office's wall clock, 'YYYY-MM-DD HH:mm'; NULL when the caller named no time.
  wanted_by TEXT,
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'in_progress', 'done', 'failed', 'cancelled')),
  -- 1 while the request is still somebody's work (待分配, 已分配, 处理中).
  is_open INTEGER NOT NULL CHECK (is_open IN (0, 1)),
  volunteer_id INTEGER REFERENCES volunteers (id),
  result TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  follow_up TEXT CHECK (follow_up IN ('satisfied', 'unsatisfied')),
  follow_up_note TEXT NOT NULL DEFAULT '',
  -- Local calendar days, for 今日新增 / 今日办结 without time-zone arithmetic in SQL.
  created_day TEXT NOT NULL,
  closed_day TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- 求助台账: open ones first, then by urgency and wanted-by; scoped lists read the grid first.
CREATE INDEX help_requests_order ON help_requests (is_open DESC, urgency_rank, wanted_by, id);
CREATE INDEX help_requests_grid ON help_requests (grid_id, is_open DESC, urgency_rank, wanted_by, id);
CREATE INDEX help_requests_household ON help_requests (household_id, id) WHERE household_id IS NOT NULL;
CREATE INDEX help_requests_volunteer ON help_requests (volunteer_id, is_open) WHERE volunteer_id IS NOT NULL;
CREATE INDEX help_requests_created_day ON help_requests (created_day, type);
CREATE INDEX help_requests_closed_day ON help_requests (closed_day, status) WHERE closed_day IS NOT NULL;

CREATE TABLE help_steps (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES help_requests (id),
  action TEXT NOT NULL CHECK (action IN ('create', 'assign', 'start', 'finish', 'fail', 'cancel', 'follow_up', 'money')),
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL,
  volunteer_id INTEGER REFERENCES volunteers (id),
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX help_steps_request ON help_steps (request_id, id);

-- 代购 money, in integer fen, never edited in place: an advance by the volunteer, or money paid
-- back to them (cash or WeChat). What is owed is the sum of advances less the paybacks.
CREATE TABLE help_money (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES help_requests (id),
  kind TEXT NOT NULL CHECK (kind IN ('advance', 'repay')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  method TEXT NOT NULL DEFAULT '' CHECK (method IN ('', 'cash', 'wechat')),
  receipt_no TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX help_money_request ON help_money (request_id, id);

-- A request follows its household's grid, as observation episodes follow the person's (0015):
-- a building given to another grid moves its households' requests to that grid's workers.
CREATE TRIGGER households_grid_to_help AFTER UPDATE OF grid_id ON households
WHEN NEW.grid_id IS NOT OLD.grid_id
BEGIN
  UPDATE help_requests SET grid_id = NEW.grid_id WHERE household_id = NEW.id;
END;
