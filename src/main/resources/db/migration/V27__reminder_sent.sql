-- The reminder ledger: one row per reminder ever sent, claimed by its key in the same transaction as its mail (the
-- outbox rows) and its audit entry, so each reminder goes out once across restarts and instances (docs/operations.md,
-- "Rotation schedule and reminders, exactly once"). topic: what the reminder is about (ROTATION...); subject_id: the
-- thing reminded of (an account's id); cycle: which occurrence (e.g. the due date, ISO-8601); stage: how far along
-- (D14, D3, DUE, OVERDUE7). claimed_by names the instance (the JVM's pid@host); recipients the addresses mailed.
CREATE TABLE reminder_sent (
    topic        VARCHAR(32)   NOT NULL,
    subject_id   VARCHAR(64)   NOT NULL,
    cycle        VARCHAR(40)   NOT NULL,
    stage        VARCHAR(16)   NOT NULL,
    claimed_at   DATETIME(6)   NOT NULL,
    claimed_by   VARCHAR(255)  NOT NULL,
    recipients   TEXT          NOT NULL,
    CONSTRAINT pk_reminder_sent PRIMARY KEY (topic, subject_id, cycle, stage)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
