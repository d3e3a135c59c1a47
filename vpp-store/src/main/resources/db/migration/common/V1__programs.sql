-- The program register and the event book (vpp-core program): one table per record type.
-- Every table: seq (the order first put; an UPDATE keeps it), store_key (the Store's id),
-- then the record's fields as typed columns. Runs on PostgreSQL and on H2 in PostgreSQL mode.
-- Durations are ISO-8601 text (PT4H), money and fractions exact decimal text, power in watts.

CREATE TABLE customer (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL
);
CREATE UNIQUE INDEX customer_seq ON customer (seq);

CREATE TABLE site (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  customer_id VARCHAR NOT NULL,
  meter_id VARCHAR NOT NULL,
  feeder VARCHAR NOT NULL,
  region VARCHAR NOT NULL
);
CREATE UNIQUE INDEX site_seq ON site (seq);
CREATE INDEX site_customer ON site (customer_id);
CREATE INDEX site_meter ON site (meter_id);

CREATE TABLE consent (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  site_id VARCHAR NOT NULL,
  granted_by VARCHAR NOT NULL,
  granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  scope_control BOOLEAN NOT NULL,
  scope_meter_data BOOLEAN NOT NULL,
  expires TIMESTAMP WITH TIME ZONE,
  revoked_at TIMESTAMP WITH TIME ZONE,
  CHECK (scope_control OR scope_meter_data)
);
CREATE UNIQUE INDEX consent_seq ON consent (seq);
CREATE INDEX consent_site ON consent (site_id);

CREATE TABLE program (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  capacity_cap_w DOUBLE PRECISION NOT NULL,
  enrolment_cap INTEGER NOT NULL,
  season_start TIMESTAMP WITH TIME ZONE NOT NULL,
  season_end TIMESTAMP WITH TIME ZONE NOT NULL,
  max_events_per_season INTEGER NOT NULL,
  max_event_length VARCHAR NOT NULL,
  max_season_hours VARCHAR NOT NULL,
  min_notice VARCHAR NOT NULL,
  currency VARCHAR(3) NOT NULL,
  per_kw_month VARCHAR NOT NULL,
  per_kwh VARCHAR NOT NULL,
  per_event VARCHAR NOT NULL,
  lease_fee_month VARCHAR NOT NULL,
  lease_credit_per_event VARCHAR NOT NULL,
  revenue_share VARCHAR NOT NULL,
  opt_out_max_per_season INTEGER NOT NULL,
  opt_out_cutoff VARCHAR NOT NULL,
  opt_out_during_event BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX program_seq ON program (seq);

-- A program's sets, one row per member (pos: the order written, sorted; sets have no order).
CREATE TABLE program_device_kind (
  store_key VARCHAR NOT NULL REFERENCES program (store_key),
  pos INTEGER NOT NULL,
  kind VARCHAR NOT NULL,
  PRIMARY KEY (store_key, pos)
);
CREATE TABLE program_region (
  store_key VARCHAR NOT NULL REFERENCES program (store_key),
  pos INTEGER NOT NULL,
  region VARCHAR NOT NULL,
  PRIMARY KEY (store_key, pos)
);
CREATE TABLE program_conflict (
  store_key VARCHAR NOT NULL REFERENCES program (store_key),
  pos INTEGER NOT NULL,
  other_program_id VARCHAR NOT NULL,
  PRIMARY KEY (store_key, pos)
);

CREATE TABLE enrolment (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  program_id VARCHAR NOT NULL,
  site_id VARCHAR NOT NULL,
  consent_id VARCHAR NOT NULL,
  requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
  enrolled_at TIMESTAMP WITH TIME ZONE,
  withdrawn_at TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX enrolment_seq ON enrolment (seq);
CREATE INDEX enrolment_program ON enrolment (program_id);
CREATE INDEX enrolment_site ON enrolment (site_id);

CREATE TABLE enrolment_device (
  store_key VARCHAR NOT NULL REFERENCES enrolment (store_key),
  pos INTEGER NOT NULL,
  device_id VARCHAR(64) NOT NULL,
  kind VARCHAR NOT NULL,
  capacity_w DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (store_key, pos)
);
CREATE INDEX enrolment_device_device ON enrolment_device (device_id);

CREATE TABLE program_event (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR NOT NULL,
  program_id VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  window_start TIMESTAMP WITH TIME ZONE NOT NULL,
  window_end TIMESTAMP WITH TIME ZONE NOT NULL,
  target_region VARCHAR,
  target_feeder VARCHAR,
  requested_w DOUBLE PRECISION,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  state VARCHAR NOT NULL,
  state_since TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX program_event_seq ON program_event (seq);
CREATE INDEX program_event_program ON program_event (program_id, window_start);

CREATE TABLE opt_out (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  event_id VARCHAR NOT NULL,
  site_id VARCHAR NOT NULL,
  at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX opt_out_seq ON opt_out (seq);
CREATE INDEX opt_out_event ON opt_out (event_id);
