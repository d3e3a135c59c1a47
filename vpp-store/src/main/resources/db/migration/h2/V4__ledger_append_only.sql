-- The ledger is append-only: UPDATE and DELETE of its tables are refused (a Java trigger,
-- org.openvpp.store.AppendOnlyTrigger; H2 has no procedural language).
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE, DELETE ON ledger_transaction FOR EACH ROW CALL 'org.openvpp.store.AppendOnlyTrigger';
CREATE TRIGGER ledger_posting_append_only BEFORE UPDATE, DELETE ON ledger_posting FOR EACH ROW CALL 'org.openvpp.store.AppendOnlyTrigger';
CREATE TRIGGER ledger_batch_append_only BEFORE UPDATE, DELETE ON ledger_batch FOR EACH ROW CALL 'org.openvpp.store.AppendOnlyTrigger';
CREATE TRIGGER ledger_batch_line_append_only BEFORE UPDATE, DELETE ON ledger_batch_line FOR EACH ROW CALL 'org.openvpp.store.AppendOnlyTrigger';
