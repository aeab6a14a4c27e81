-- 今日关爱 sorts every plan by the due rule on each call (5,000 of them at bench scale). Reading them
-- through residents (a join and a sort by address) cost more than the rule itself, so the person's
-- grid, address order and whether they are in the register are kept on the plan, in step with the
-- register by triggers as observation episodes keep theirs (0015); the worklist reads one covering
-- index. A person purged from the recycle bin takes their plan and its contacts with them (they are
-- personal data too, and the plan's reference would otherwise refuse the purge).

ALTER TABLE care_plans ADD COLUMN grid_id INTEGER;
ALTER TABLE care_plans ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
ALTER TABLE care_plans ADD COLUMN live INTEGER NOT NULL DEFAULT 1;

UPDATE care_plans
   SET grid_id = (SELECT r.grid_id FROM residents r WHERE r.id = care_plans.resident_id),
       sort_key = COALESCE((SELECT r.sort_key FROM residents r WHERE r.id = care_plans.resident_id), ''),
       live = COALESCE((SELECT r.deleted_at IS NULL FROM residents r WHERE r.id = care_plans.resident_id), 0);

CREATE TRIGGER care_plans_person_on_insert AFTER INSERT ON care_plans
BEGIN
  UPDATE care_plans
     SET grid_id = (SELECT r.grid_id FROM residents r WHERE r.id = NEW.resident_id),
         sort_key = COALESCE((SELECT r.sort_key FROM residents r WHERE r.id = NEW.resident_id), ''),
         live = COALESCE((SELECT r.deleted_at IS NULL FROM residents r WHERE r.id = NEW.resident_id), 0)
   WHERE id = NEW.id;
END;

CREATE TRIGGER residents_to_care_plans AFTER UPDATE OF grid_id, sort_key, deleted_at ON residents
WHEN NEW.grid_id IS NOT OLD.grid_id OR NEW.sort_key IS NOT OLD.sort_key OR NEW.deleted_at IS NOT OLD.deleted_at
BEGIN
  UPDATE care_plans SET grid_id = NEW.grid_id, sort_key = NEW.sort_key, live = NEW.deleted_at IS NULL WHERE resident_id = NEW.id;
END;

CREATE TRIGGER residents_purge_care BEFORE DELETE ON residents
BEGIN
  DELETE FROM care_contacts WHERE plan_id IN (SELECT id FROM care_plans WHERE resident_id = OLD.id);
  DELETE FROM care_plans WHERE resident_id = OLD.id;
END;

-- The worklist's one read: live plans in address order with what the due rule and the filters need.
CREATE INDEX care_plans_day ON care_plans (live, sort_key, id, grid_id, frequency, anchor_day, active, account_id, volunteer_id);
