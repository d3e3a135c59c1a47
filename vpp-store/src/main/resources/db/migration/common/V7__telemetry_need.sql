-- An EV charger's report may carry the car's charging need (device protocol v1: need_kwh with
-- ready_ts): kept with the report, both or neither.
ALTER TABLE telemetry ADD COLUMN need_wh DOUBLE PRECISION;
ALTER TABLE telemetry ADD COLUMN ready_at TIMESTAMP WITH TIME ZONE;
