-- One address, however it is spelled (shared/domain/address.ts): 5号楼, 五号楼, 5幢 and 第5栋 are
-- one building, 501室 and 501 one room. Each part gets its canonical key beside the text the
-- clerk first wrote; every lookup compares keys. The address_* functions are the domain's own
-- rules, registered on the connection by the store (store/sql-functions.ts).
--
-- Nothing is merged here. Two buildings that already exist under spellings with one key (1号楼
-- and 1栋) may sit in different grids or none, and which grid is right is the office's call:
-- they stay two rows, new addresses go to the one in a grid (else the older), the grids page
-- lists households outside every grid, and 合并楼栋 joins them when the clerk confirms. Two
-- households at one key (501室 and 501 of one building) may be two families registered badly
-- or one family twice: only a person can tell, so they stay until merged on the 住户 page.

ALTER TABLE compounds ADD COLUMN key TEXT NOT NULL DEFAULT '';
ALTER TABLE buildings ADD COLUMN key TEXT NOT NULL DEFAULT '';
-- Entrance and room together ('2|501'): a household's place inside its building.
ALTER TABLE households ADD COLUMN room_key TEXT NOT NULL DEFAULT '';

UPDATE compounds SET key = address_compound_key(name);
UPDATE buildings SET key = address_building_key(name);
UPDATE households SET room_key = address_room_key(unit, room), search_text = address_search_text(address),
  address_key = address_sort_key(
    (SELECT c.name FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE b.id = households.building_id),
    (SELECT b.name FROM buildings b WHERE b.id = households.building_id), unit, room);
-- People are listed in their household's address order (residents.sort_key copies address_key).
UPDATE residents SET sort_key = (SELECT h.address_key FROM households h WHERE h.id = residents.household_id) WHERE household_id IS NOT NULL;

CREATE INDEX compounds_key ON compounds (key);
CREATE INDEX buildings_key ON buildings (compound_id, key);
CREATE INDEX households_room_key ON households (building_id, room_key) WHERE deleted_at IS NULL;
