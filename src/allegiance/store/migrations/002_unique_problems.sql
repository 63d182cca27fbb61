-- Allegiance schema v2: one row per distinct problem, so re-ingesting a bad file adds nothing.
-- Rebuilds ``problems`` with a primary key on (path, line, reason), keeping the first time each
-- problem was seen. ``line`` becomes NOT NULL: 0 means "not tied to a line" (lines are 1-based).
-- Portable SQL: runs on DuckDB and PostgreSQL.
CREATE TABLE problems_v2 (
    path     VARCHAR NOT NULL,
    line     INTEGER NOT NULL,              -- 1-based; 0 for the whole file
    reason   VARCHAR NOT NULL,
    seen_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (path, line, reason)
);

INSERT INTO problems_v2 (path, line, reason, seen_at)
    SELECT path, COALESCE(line, 0), reason, min(seen_at)
    FROM problems
    GROUP BY path, COALESCE(line, 0), reason;

DROP TABLE problems;

ALTER TABLE problems_v2 RENAME TO problems;
