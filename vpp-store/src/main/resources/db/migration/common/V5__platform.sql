-- The platform's own records, kept across runs (vpp-server's platform package): who may log in,
-- the audit log, the key that signs API tokens, the customers' device preferences, and every run
-- of ./vpp up or ./vpp serve with its results. V6 makes the audit log append-only.

CREATE TABLE account (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  name VARCHAR NOT NULL PRIMARY KEY,
  role VARCHAR NOT NULL,
  customer_id VARCHAR,
  hash VARCHAR NOT NULL,
  machine BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX account_seq ON account (seq);

CREATE TABLE audit_entry (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  subject VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  target VARCHAR NOT NULL,
  outcome VARCHAR NOT NULL
);

-- Secrets of the platform itself, Base64 (the HS256 key of the API's tokens).
CREATE TABLE platform_secret (
  name VARCHAR NOT NULL PRIMARY KEY,
  secret_value VARCHAR NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A device's preferences as its customer (or an operator) last set them; a run applies them to
-- its twins when it starts. Each column is empty when never set.
CREATE TABLE device_preference (
  device_id VARCHAR NOT NULL PRIMARY KEY,
  reserve_kwh DOUBLE PRECISION,
  comfort_low_c DOUBLE PRECISION,
  comfort_high_c DOUBLE PRECISION,
  ready_by VARCHAR,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by VARCHAR NOT NULL
);

-- One run: a simulated day (./vpp up) or a served one. state: running, finished, interrupted (a
-- run found still running when the platform opens again was stopped before its end).
CREATE TABLE vpp_run (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id VARCHAR NOT NULL PRIMARY KEY,
  scenario VARCHAR NOT NULL,
  homes INTEGER NOT NULL,
  hours INTEGER NOT NULL,
  seed BIGINT NOT NULL,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL,
  state VARCHAR NOT NULL,
  ended_at TIMESTAMP WITH TIME ZONE,
  event_id VARCHAR,
  summary VARCHAR
);
CREATE UNIQUE INDEX vpp_run_seq ON vpp_run (seq);

-- A finished run's results as the API showed them (JSON): its settlement, and each
-- participant's statement (kind 'statement', key the customer).
CREATE TABLE vpp_run_document (
  run_id VARCHAR NOT NULL REFERENCES vpp_run (id),
  kind VARCHAR NOT NULL,
  doc_key VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  PRIMARY KEY (run_id, kind, doc_key)
);
