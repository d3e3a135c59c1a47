-- The register for a service that runs for a season (vpp-service): a program's measurement rules
-- and what its buyer pays; devices linked to the sites they are at; meter readings with what was
-- taken from and given to the grid, and when OpenVPP received them (late readings re-measure).

ALTER TABLE program ADD COLUMN baseline_method VARCHAR NOT NULL DEFAULT 'caiso-10in10';
ALTER TABLE program ADD COLUMN baseline_fallback VARCHAR NOT NULL DEFAULT 'day-of-mean';
ALTER TABLE program ADD COLUMN buyer_per_kwh VARCHAR NOT NULL DEFAULT '0';
ALTER TABLE program ADD COLUMN buyer_per_kw_month VARCHAR NOT NULL DEFAULT '0';

CREATE TABLE site_device (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  store_key VARCHAR NOT NULL PRIMARY KEY,
  id VARCHAR(64) NOT NULL,
  site_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  capacity_w DOUBLE PRECISION NOT NULL,
  linked_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX site_device_seq ON site_device (seq);
CREATE INDEX site_device_site ON site_device (site_id);

-- kwh stays the net (import - export); the two flows and the arrival are empty for intervals
-- stored before V8 (a net alone).
ALTER TABLE meter_interval ADD COLUMN import_kwh DOUBLE PRECISION;
ALTER TABLE meter_interval ADD COLUMN export_kwh DOUBLE PRECISION;
ALTER TABLE meter_interval ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX meter_interval_received ON meter_interval (received_at);
