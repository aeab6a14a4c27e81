-- The daily report at scale (bench: 50,000 residents, 200,000 checks, 1M gate entries).
-- Each person's latest trip up to a day (累计返程, by province) read in person order from one
-- covering index instead of sorting every trip for a window function.
CREATE INDEX returnee_trips_by_person ON returnee_trips (resident_id, status, return_date, id, origin_province);
-- Who is under observation at the end of a day, by type, and the day's starts, closings and
-- due checks, read from the index alone rather than from every episode row.
CREATE INDEX observation_report ON observation_episodes (status, status_date, start_date, end_date, kind, resident_id);
-- 今日新增 (episodes started on the day).
CREATE INDEX observation_start ON observation_episodes (start_date, resident_id);
