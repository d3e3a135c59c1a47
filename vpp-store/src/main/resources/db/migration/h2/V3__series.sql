-- Time series on H2 (the embedded default): the same columns as on PostgreSQL
-- (db/migration/postgresql/V3__series.sql) in plain tables; the primary key's index serves the
-- queries by device or meter and time range.

CREATE TABLE telemetry (
  device_id VARCHAR(64) NOT NULL,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  sequence BIGINT NOT NULL,
  power_w DOUBLE PRECISION NOT NULL,
  stored_wh DOUBLE PRECISION NOT NULL,
  temperature_c DOUBLE PRECISION,
  plugged_in BOOLEAN,
  PRIMARY KEY (device_id, at)
);

CREATE TABLE meter_interval (
  meter_id VARCHAR(64) NOT NULL,
  start_at TIMESTAMP WITH TIME ZONE NOT NULL,
  step_s INTEGER NOT NULL,
  kwh DOUBLE PRECISION NOT NULL,
  temperature_f DOUBLE PRECISION,
  PRIMARY KEY (meter_id, start_at)
);
