-- Notices and door-to-door outreach (通知公告 / 入户告知, issue 23): the notice, who it is for, each
-- publishing record of its channels, and the households it targets door to door. Codes follow
-- shared/domain/notices.ts; the CHECKs only keep out what no build ever writes.

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('prevention', 'health', 'living', 'policy', 'rumour')),
  -- JSON array of channel codes, in the order of the domain's list.
  channels TEXT NOT NULL,
  -- 1 when 入户告知 is one of the channels: the notice has a checklist in notice_households.
  door INTEGER NOT NULL CHECK (door IN (0, 1)),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('community', 'grids', 'buildings', 'key_groups')),
  -- How the target read when published ('幸福里小区 3栋、5栋'): a renamed grid does not rewrite history.
  target_label TEXT NOT NULL,
  -- Local calendar days.
  publish_date TEXT NOT NULL,
  valid_until TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX notices_publish ON notices (publish_date DESC, id DESC);

-- The grids, buildings or key groups a notice names (one a row; a building's row also keeps the grid
-- it was in, so a grid worker finds the notice). No foreign key to buildings: 合并楼栋 removes the
-- merged spelling's row, which must not be refused for a notice's sake.
CREATE TABLE notice_targets (
  notice_id INTEGER NOT NULL REFERENCES notices (id),
  grid_id INTEGER REFERENCES grids (id),
  building_id INTEGER,
  tag TEXT
);
CREATE INDEX notice_targets_notice ON notice_targets (notice_id);

-- A publishing record: a group chat names the group and its members, a banner where and how many.
CREATE TABLE notice_posts (
  id INTEGER PRIMARY KEY,
  notice_id INTEGER NOT NULL REFERENCES notices (id),
  channel TEXT NOT NULL CHECK (channel IN ('wechat', 'qq', 'broadcast', 'banner', 'screen', 'phone')),
  group_name TEXT NOT NULL DEFAULT '',
  members INTEGER,
  place TEXT NOT NULL DEFAULT '',
  count INTEGER,
  poster TEXT NOT NULL,
  -- The office's wall clock, 'YYYY-MM-DD HH:mm'.
  posted_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX notice_posts_notice ON notice_posts (notice_id, posted_at);

-- The door-to-door checklist: the households the target held when the notice was published, a
-- snapshot, so "reached of those targeted" keeps its denominator; households registered later do
-- not join. grid_id follows the household (the trigger below), as help requests do, so the grid's
-- present workers mark it; address_key is copied for the list's order without a join. No foreign
-- key to households: a household purged from the recycle bin stays counted as targeted (it was),
-- and the purge is not refused for a notice's sake.
CREATE TABLE notice_households (
  notice_id INTEGER NOT NULL REFERENCES notices (id),
  household_id INTEGER NOT NULL,
  grid_id INTEGER,
  address_key TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'reached', 'unreachable')),
  how TEXT CHECK (how IN ('in_person', 'door_note', 'phone')),
  note TEXT NOT NULL DEFAULT '',
  marked_by TEXT NOT NULL DEFAULT '',
  marked_at TEXT,
  -- The office's local day of marked_at: the daily report counts by it.
  marked_day TEXT,
  PRIMARY KEY (notice_id, household_id)
);
CREATE INDEX notice_households_order ON notice_households (notice_id, address_key, household_id);
CREATE INDEX notice_households_grid ON notice_households (notice_id, grid_id, address_key, household_id);
CREATE INDEX notice_households_marked ON notice_households (marked_day) WHERE marked_day IS NOT NULL;

CREATE TRIGGER households_grid_to_notices AFTER UPDATE OF grid_id ON households
WHEN NEW.grid_id IS NOT OLD.grid_id
BEGIN
  UPDATE notice_households SET grid_id = NEW.grid_id WHERE household_id = NEW.id;
END;
