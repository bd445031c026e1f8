-- Platform alerts: problems of the installation itself (a journal that refuses appends, ...) told to the MSSP's
-- operators, no tenant's data. One row per episode with its state as the engine last saved it and the alert as JSON,
-- so that a restart carries an open episode on instead of raising it again. Resolved ones are kept for a year.
CREATE TABLE platform_alert (
    id          UUID                     NOT NULL,
    kind        VARCHAR(64)              NOT NULL,
    resolved    BOOLEAN                  NOT NULL,
    raised_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at TIMESTAMP WITH TIME ZONE,
    body        TEXT                     NOT NULL,
    CONSTRAINT platform_alert_pk PRIMARY KEY (id)
);

CREATE INDEX platform_alert_resolved_ix ON platform_alert (resolved, resolved_at);
