-- The long-running service's own state, as small JSON documents by kind and key: event
-- commitments, M&V results, monthly closes, what the control loop must find again after a restart
-- (vpp-service). Replaced whole when they change.

CREATE TABLE service_document (
  kind VARCHAR NOT NULL,
  doc_key VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (kind, doc_key)
);
