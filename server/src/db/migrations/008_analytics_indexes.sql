-- Managers' analytics (issue 6); docs/analytics.md has the before/after figures.

-- Every dashboard table reads incidents by the time they were received: without this
-- a month's chart scans the whole table.
CREATE INDEX incidents_created_idx ON incidents (created_at);

-- "My grid" is the most common filter; with it a year of one grid reads only that grid's rows.
CREATE INDEX incidents_grid_created_idx ON incidents (grid_id, created_at);

-- The lead unit (first on scene) of a whole window is read from the assignments dispatched in
-- it. Assignments are written in dispatch order, so a BRIN index (a few pages, next to no
-- write cost) finds the window's blocks.
CREATE INDEX incident_units_dispatched_brin ON incident_units USING brin (dispatched_at);

-- Key-area compliance reads every unit's fixes in a window. Fixes are written in time order,
-- so a BRIN index finds the window's blocks and costs the position batches next to nothing,
-- where a B-tree would be about a third of the table's size and slow every batch.
CREATE INDEX positions_device_time_brin ON positions USING brin (device_time);
