-- The free-text columns of the audit trail take any value a request can bring. A user agent longer than 1024
-- characters, or an invitation with 50 long tags (its details), did not fit: the record failed, and the trail's
-- tracking processor retried it forever, recording nothing more for anyone.
ALTER TABLE audit_record ALTER COLUMN access_key_id SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE audit_record ALTER COLUMN user_agent SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE audit_record ALTER COLUMN error_message SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE audit_record ALTER COLUMN request_parameters SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE audit_record ALTER COLUMN details SET DATA TYPE CHARACTER VARYING(1000000);
