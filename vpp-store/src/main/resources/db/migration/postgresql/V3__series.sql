-- Time series for scale (PostgreSQL): range-partitioned by month (UTC). The partitions are made
-- on demand by the store before it loads rows of a month it has not seen (telemetry_y2026m12,
-- meter_interval_y2026m12); there is no default partition, so a row of a month without one is
-- refused rather than put somewhere a later partition could not take it from.
-- H2 has no declarative partitioning: db/migration/h2/V3__series.sql makes the same tables plain.

CREATE TABLE telemetry (
  device_id VARCHAR(64) NOT NULL,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  sequence BIGINT NOT NULL,
  power_w DOUBLE PRECISION NOT NULL,
  stored_wh DOUBLE PRECISION NOT NULL,
  temperature_c DOUBLE PRECISION,
  plugged_in BOOLEAN,
  PRIMARY KEY (device_id, at)
) PARTITION BY RANGE (at);

CREATE TABLE meter_interval (
  meter_id VARCHAR(64) NOT NULL,
  start_at TIMESTAMP WITH TIME ZONE NOT NULL,
  step_s INTEGER NOT NULL,
  kwh DOUBLE PRECISION NOT NULL,
  temperature_f DOUBLE PRECISION,
  PRIMARY KEY (meter_id, start_at)
) PARTITION BY RANGE (start_at);
