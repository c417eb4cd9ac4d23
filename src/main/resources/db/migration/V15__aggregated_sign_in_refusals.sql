-- Sign-ins that name nobody and throttled sign-ins are counted like anonymous 401s, per client address and window,
-- each kind of refusal on its own, so that a flood of them cannot grow the audit chain without bound either. Sign-in
-- refusals have no request method and path of interest.
ALTER TABLE anonymous_refusal
    ADD COLUMN refusal VARCHAR(32) NOT NULL DEFAULT 'NOT_AUTHENTICATED' AFTER window_start,
    MODIFY first_method VARCHAR(16) NULL,
    MODIFY first_path VARCHAR(300) NULL,
    DROP PRIMARY KEY,
    ADD CONSTRAINT pk_anonymous_refusal PRIMARY KEY (client_address, window_start, refusal);
