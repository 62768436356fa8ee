-- statuses() reads every word's characters and status in order of its last change
-- (the latest-changed reading of a character decides its colour).  A covering index
-- lets SQLite answer that from the index alone, without sorting or visiting rows.
CREATE INDEX words_by_updated ON words (updated, simplified, status);
