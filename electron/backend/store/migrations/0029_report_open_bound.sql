-- Who was under observation at the end of a past day (issue 18: one day's report p95 < 50 ms).
-- An episode closed (解除 / 转院 / 失联) still counts on day D when it started by D and closed after D.
-- Read by close date, that is every episode closed after D: for a day a year back, nearly all of them.
-- Such an episode started at most "the longest closed episode" days before D, so the report reads
-- the closed episodes that started in that window only (by start date, the index below), the
-- window's length being the longest span, itself one seek of the expression index below. Nothing
-- is copied: both are indexes, always exact, and a very long episode only widens the window.
CREATE INDEX observation_closed_span ON observation_episodes (julianday(status_date) - julianday(start_date)) WHERE status != 'observing';
CREATE INDEX observation_closed_start ON observation_episodes (start_date, status_date, status, end_date, kind, resident_id) WHERE status != 'observing';
