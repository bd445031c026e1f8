-- Format auto-detection per source: the format detection last settled on (tried first for the source's next
-- events) and the codec an operator pinned for the source (used instead of the declared codec and of detection).
ALTER TABLE log_source ADD COLUMN detected_format VARCHAR(200);
ALTER TABLE log_source ADD COLUMN pinned_codec VARCHAR(200);
