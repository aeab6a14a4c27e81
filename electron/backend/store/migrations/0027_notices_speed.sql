-- The door-to-door checklist of a notice to 10,000 households (bench: notices): a page of only
-- 未告知 (or 已告知) households reads its keys in address order from one index, and the progress
-- per grid and the notice's counts are summed from an index holding grid and outcome, never
-- from the table's rows.
CREATE INDEX notice_households_outcome ON notice_households (notice_id, outcome, address_key, household_id);
CREATE INDEX notice_households_counts ON notice_households (notice_id, grid_id, outcome);
