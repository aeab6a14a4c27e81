-- The cross-unit worker search by pinyin initials (bench: units, "zyg" matching 15,000 of 50,000
-- workers) walks the people in the order it shows, initials then name, and stops at the page,
-- instead of sorting every match. The index also serves every initials prefix the old one did.
CREATE INDEX residents_initials_name ON residents (name_initials, name);
DROP INDEX residents_initials;
