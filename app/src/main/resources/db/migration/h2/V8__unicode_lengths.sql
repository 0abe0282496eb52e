-- The API limits lengths in Unicode characters (code points), as AWS does, and PostgreSQL's CHARACTER VARYING(n) counts
-- them alike. H2 counts UTF-16 units, two for a character outside the Basic Multilingual Plane (an emoji, a rare CJK
-- ideograph), so the columns that hold a request's text take twice the API's limit here: 1024 emoji of Notes must fit.
ALTER TABLE handshake_view ALTER COLUMN target_id SET DATA TYPE CHARACTER VARYING(128);
ALTER TABLE handshake_view ALTER COLUMN recipient_email SET DATA TYPE CHARACTER VARYING(128);
ALTER TABLE handshake_view ALTER COLUMN notes SET DATA TYPE CHARACTER VARYING(2048);
ALTER TABLE account_tag ALTER COLUMN tag_key SET DATA TYPE CHARACTER VARYING(256);
ALTER TABLE account_tag ALTER COLUMN tag_value SET DATA TYPE CHARACTER VARYING(512);

-- the shadows a rebuild fills and swaps in stay the same tables under other names
ALTER TABLE handshake_view_next ALTER COLUMN target_id SET DATA TYPE CHARACTER VARYING(128);
ALTER TABLE handshake_view_next ALTER COLUMN recipient_email SET DATA TYPE CHARACTER VARYING(128);
ALTER TABLE handshake_view_next ALTER COLUMN notes SET DATA TYPE CHARACTER VARYING(2048);
ALTER TABLE account_tag_next ALTER COLUMN tag_key SET DATA TYPE CHARACTER VARYING(256);
ALTER TABLE account_tag_next ALTER COLUMN tag_value SET DATA TYPE CHARACTER VARYING(512);
