-- A person's grid is where they live now (issue 16). An observation episode used to copy the grid
-- of the day it started and keep it, so after a move the old grid's worker still saw, checked and
-- exported the person while the new grid's worker was refused. From here on the episode's grid_id
-- is the person's grid (residents.grid_id, itself their current household's grid), kept in step by
-- the database the way 0010 keeps sort_key: every way a person's grid changes (a move, a household's
-- address edit, a merge, a building given to another grid, the recycle bin, ones written later) is
-- covered. The column stays on the episode so the worklists keep reading one covering index
-- (observation_status_order: status, grid, worker, address order) instead of joining residents.

UPDATE observation_episodes
   SET grid_id = (SELECT r.grid_id FROM residents r WHERE r.id = observation_episodes.resident_id)
 WHERE grid_id IS NOT (SELECT r.grid_id FROM residents r WHERE r.id = observation_episodes.resident_id);

-- One insert trigger fills both copies (0010's filled sort_key alone): one extra write per new episode.
DROP TRIGGER observation_sort_key_on_insert;
CREATE TRIGGER observation_person_on_insert AFTER INSERT ON observation_episodes
BEGIN
  UPDATE observation_episodes
     SET sort_key = COALESCE((SELECT r.sort_key FROM residents r WHERE r.id = NEW.resident_id), ''),
         grid_id = (SELECT r.grid_id FROM residents r WHERE r.id = NEW.resident_id)
   WHERE id = NEW.id;
END;

-- All of the person's episodes follow, closed ones too: their history goes where they go, as their
-- trips do (returnee lists scope by the person's grid already).
CREATE TRIGGER residents_grid_to_observation AFTER UPDATE OF grid_id ON residents
WHEN NEW.grid_id IS NOT OLD.grid_id
BEGIN
  UPDATE observation_episodes SET grid_id = NEW.grid_id WHERE resident_id = NEW.id;
END;

-- No other way to set an episode's grid: a write that disagrees with the person's grid is a bug.
CREATE TRIGGER observation_grid_is_person_grid BEFORE UPDATE OF grid_id ON observation_episodes
WHEN NEW.grid_id IS NOT (SELECT r.grid_id FROM residents r WHERE r.id = NEW.resident_id)
BEGIN
  SELECT RAISE(ABORT, 'observation_episodes.grid_id must be the resident''s grid');
END;
