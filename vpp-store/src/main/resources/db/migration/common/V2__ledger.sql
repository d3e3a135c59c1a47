-- The settlement ledger (vpp-core settle): append-only. Rows are inserted, never updated or
-- deleted (V4 adds triggers that refuse both). Amounts are whole minor units (cents) as BIGINT.

CREATE TABLE ledger_transaction (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id VARCHAR NOT NULL PRIMARY KEY,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  memo VARCHAR NOT NULL,
  currency VARCHAR(3) NOT NULL,
  reverses VARCHAR
);
CREATE UNIQUE INDEX ledger_transaction_seq ON ledger_transaction (seq);

CREATE TABLE ledger_posting (
  transaction_id VARCHAR NOT NULL REFERENCES ledger_transaction (id),
  pos INTEGER NOT NULL,
  account_kind VARCHAR NOT NULL,
  account_owner VARCHAR NOT NULL,
  amount_minor BIGINT NOT NULL CHECK (amount_minor <> 0),
  line_kind VARCHAR NOT NULL,
  reference VARCHAR NOT NULL,
  PRIMARY KEY (transaction_id, pos)
);
CREATE INDEX ledger_posting_account ON ledger_posting (account_kind, account_owner);

-- A batch: one line per owner of one account kind, balanced by one counter posting.
CREATE TABLE ledger_batch (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  id VARCHAR NOT NULL PRIMARY KEY,
  at TIMESTAMP WITH TIME ZONE NOT NULL,
  memo VARCHAR NOT NULL,
  currency VARCHAR(3) NOT NULL,
  line_kind VARCHAR NOT NULL,
  reference VARCHAR NOT NULL,
  lines_kind VARCHAR NOT NULL,
  counter_kind VARCHAR NOT NULL,
  counter_owner VARCHAR NOT NULL,
  counter_minor BIGINT NOT NULL,
  line_count INTEGER NOT NULL,
  reverses VARCHAR
);
CREATE UNIQUE INDEX ledger_batch_seq ON ledger_batch (seq);

CREATE TABLE ledger_batch_line (
  batch_id VARCHAR NOT NULL REFERENCES ledger_batch (id),
  pos INTEGER NOT NULL,
  owner VARCHAR NOT NULL,
  amount_minor BIGINT NOT NULL,
  PRIMARY KEY (batch_id, pos)
);
CREATE INDEX ledger_batch_line_owner ON ledger_batch_line (owner);
