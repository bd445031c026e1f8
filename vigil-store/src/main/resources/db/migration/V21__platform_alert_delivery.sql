-- Messages to the MSSP's operators about platform alerts, one row per message and channel, with the message itself
-- as JSON: a message still waiting for a retry when the process stops is sent after the restart, under the same
-- delivery id. Installation-level records, no tenant's data. Ended deliveries are kept for a year.
CREATE TABLE platform_alert_delivery (
    id         UUID                     NOT NULL,
    alert_id   UUID                     NOT NULL,
    state      VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    body       TEXT                     NOT NULL,
    CONSTRAINT platform_alert_delivery_pk PRIMARY KEY (id)
);

CREATE INDEX platform_alert_delivery_state_ix ON platform_alert_delivery (state, updated_at);
