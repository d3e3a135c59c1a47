-- The audit log is append-only: UPDATE and DELETE are refused (a Java trigger,
-- org.openvpp.store.AppendOnlyTrigger; H2 has no procedural language).
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE, DELETE ON audit_entry FOR EACH ROW CALL 'org.openvpp.store.AppendOnlyTrigger';
