-- The first schema: words keyed by (simplified, pinyin), with their tags and
-- the sentences they were saved from (one per article).
CREATE TABLE words (
    id          INTEGER PRIMARY KEY,
    simplified  TEXT NOT NULL,
    pinyin      TEXT NOT NULL,
    traditional TEXT NOT NULL DEFAULT '',
    definition  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('new', 'learning', 'known', 'ignored')),
    hsk         INTEGER,
    created     TEXT NOT NULL,  -- ISO 8601, UTC, microseconds
    updated     TEXT NOT NULL,
    UNIQUE (simplified, pinyin)
);

CREATE TABLE word_tags (
    word_id  INTEGER NOT NULL REFERENCES words (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (word_id, tag)
);
CREATE INDEX word_tags_by_tag ON word_tags (tag);

CREATE TABLE contexts (
    word_id       INTEGER NOT NULL REFERENCES words (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    sentence      TEXT NOT NULL,
    article_title TEXT NOT NULL,
    PRIMARY KEY (word_id, article_title)
);
CREATE INDEX contexts_by_article ON contexts (article_title);
