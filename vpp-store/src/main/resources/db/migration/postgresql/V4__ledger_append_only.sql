-- The ledger is append-only: UPDATE, DELETE and TRUNCATE of its tables are refused.
CREATE FUNCTION vpp_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused; correct a transaction by posting its reversal', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction FOR EACH ROW EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_transaction_no_truncate BEFORE TRUNCATE ON ledger_transaction FOR EACH STATEMENT EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE OR DELETE ON ledger_posting FOR EACH ROW EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_posting_no_truncate BEFORE TRUNCATE ON ledger_posting FOR EACH STATEMENT EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_batch_append_only BEFORE UPDATE OR DELETE ON ledger_batch FOR EACH ROW EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_batch_no_truncate BEFORE TRUNCATE ON ledger_batch FOR EACH STATEMENT EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_batch_line_append_only BEFORE UPDATE OR DELETE ON ledger_batch_line FOR EACH ROW EXECUTE FUNCTION vpp_ledger_append_only();
CREATE TRIGGER ledger_batch_line_no_truncate BEFORE TRUNCATE ON ledger_batch_line FOR EACH STATEMENT EXECUTE FUNCTION vpp_ledger_append_only();
