-- An instance claims a message before it sends it, in a transaction of its own, and next_attempt_at becomes the end of
-- that claim's lease: on a Galera cluster, row locks are local to a node, so two instances on two nodes could both
-- lock and send the same message; two claims of it instead meet at commit, and only one of them lands.
ALTER TABLE mail_outbox ADD COLUMN claim CHAR(36) NULL;
