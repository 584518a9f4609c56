-- Strela schema, part 7: repeated errors are folded into one live_errors row (occurrences, first_seen, last_seen),
-- so the console and the health view read errors by when they were last seen.
CREATE INDEX live_errors_last_seen_idx ON live_errors (last_seen DESC);
