-- Nothing to do on PostgreSQL: its B-tree updates pages in place, so the telemetry table keeps its
-- key (device_id, at), which serves a device's history directly. H2 changes its key to time first
-- in this version (db/migration/h2/V10__telemetry_time_first.sql).
SELECT 1;
