-- Position history is the one table written thousands of rows a second, and its
-- foreign key to units made every inserted row look up and share-lock its unit
-- row: about 7 µs a fix in embedded PGlite (bench/core/flush-cost.ts), a third
-- of the history insert. The only writer (PositionIngest) inserts fixes for
-- units it found in the live picture, which is loaded from `units`, and units
-- are never deleted (they are retired by status), so the check never fails.
-- Like any append-only time series, the history keeps its rows without it.
ALTER TABLE positions DROP CONSTRAINT IF EXISTS positions_unit_id_fkey;
