-- Which root key wraps each KEK, so that during a root-key rotation every instance opens the KEKs it has the root key
-- for, and readiness can say when an instance lacks the current one. Rows stored before this migration are filled
-- in at the next start by the instance whose root key opens them.
ALTER TABLE key_encryption_key ADD COLUMN root_key_id CHAR(16) NULL AFTER wrapped_key;
