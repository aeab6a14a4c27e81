-- 商铺单位 as a notice's audience (issue 23): a notice tells either households or units. A unit
-- notice keeps target_kind 'community' (every unit) or 'grids' (the units of those grids, the
-- grids in notice_targets as before), and the unit kinds it is limited to as notice_targets rows
-- whose tag is a unit kind code; audience says which list the tag belongs to.
ALTER TABLE notices ADD COLUMN audience TEXT NOT NULL DEFAULT 'households' CHECK (audience IN ('households', 'units'));

-- The door-to-door checklist of a unit notice: the units (not closed) its target held when it was
-- published, a snapshot like notice_households, with the same marks. grid_id follows the unit (the
-- trigger below) so the grid's present workers mark it; address_key (the unit's address) orders the
-- list without a join. No foreign key to units, for the same reason as households.
CREATE TABLE notice_units (
  notice_id INTEGER NOT NULL REFERENCES notices (id),
  unit_id INTEGER NOT NULL,
  grid_id INTEGER,
  address_key TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'reached', 'unreachable')),
  how TEXT CHECK (how IN ('in_person', 'door_note', 'phone')),
  note TEXT NOT NULL DEFAULT '',
  marked_by TEXT NOT NULL DEFAULT '',
  marked_at TEXT,
  marked_day TEXT,
  PRIMARY KEY (notice_id, unit_id)
);
CREATE INDEX notice_units_order ON notice_units (notice_id, address_key, unit_id);
CREATE INDEX notice_units_grid ON notice_units (notice_id, grid_id, address_key, unit_id);
CREATE INDEX notice_units_outcome ON notice_units (notice_id, outcome, address_key, unit_id);
CREATE INDEX notice_units_counts ON notice_units (notice_id, grid_id, outcome);
CREATE INDEX notice_units_marked ON notice_units (marked_day) WHERE marked_day IS NOT NULL;

CREATE TRIGGER units_grid_to_notices AFTER UPDATE OF grid_id ON units
WHEN NEW.grid_id IS NOT OLD.grid_id
BEGIN
  UPDATE notice_units SET grid_id = NEW.grid_id WHERE unit_id = NEW.id;
END;
