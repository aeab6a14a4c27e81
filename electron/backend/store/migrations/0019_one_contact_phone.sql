-- 联系电话 has one home, 设置 (issue 17): the daily report and the filled templates both read it there.
-- A phone typed only in the report's own settings moves to 设置 when 设置 has none; the report's
-- column is emptied and no longer read. (No clock in a migration: updated_at stays empty.)
INSERT INTO settings (key, value, updated_at, updated_by)
  SELECT 'contactPhone', json_quote(phone), '', '数据升级'
  FROM report_settings
  WHERE id = 1 AND phone <> '' AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'contactPhone' AND value <> '""')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
UPDATE report_settings SET phone = '';
