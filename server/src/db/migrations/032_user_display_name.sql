-- Users brought in from a district's spreadsheet carry the name people know them by (张伟),
-- beside the login name; NULL for users made before or without one.
ALTER TABLE users ADD COLUMN display_name text;
