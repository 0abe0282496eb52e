-- The web console lists every handshake, newest first, to an auditor: the one list the per-organization and
-- per-recipient indexes do not serve. The rebuild's shadow table gets the same index, since the two swap names.
CREATE INDEX idx_handshake_view_requested ON handshake_view (requested_at DESC, id);
CREATE INDEX idx_handshake_view_next_requested ON handshake_view_next (requested_at DESC, id);
