-- Allegiance schema v1. Portable SQL: runs on DuckDB and PostgreSQL.
CREATE TABLE IF NOT EXISTS articles (
    id            VARCHAR PRIMARY KEY,      -- content hash of the normalised text
    url           VARCHAR,
    source        VARCHAR,
    title         VARCHAR,
    pub_date      DATE,
    lang          VARCHAR,
    text          VARCHAR NOT NULL,
    origin        VARCHAR NOT NULL,         -- file (and line/item) it was read from
    n_words       INTEGER NOT NULL,
    status        VARCHAR NOT NULL,         -- pending | coded | duplicate | skipped
    status_reason VARCHAR,
    duplicate_of  VARCHAR,                  -- id of the original, for near-copies
    minhash       BLOB,                     -- serialised MinHash signature, for near-dup lookup
    ingested_at   TIMESTAMP NOT NULL,
    coded_at      TIMESTAMP
);

CREATE TABLE IF NOT EXISTS events (
    id             VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL REFERENCES articles(id),
    sent_start     INTEGER NOT NULL,        -- character offsets of the evidence sentence
    sent_end       INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    event_type     VARCHAR NOT NULL,        -- one of the 16 PLOVER types
    mode           VARCHAR,
    source_code    VARCHAR NOT NULL,
    source_sector  VARCHAR,
    source_text    VARCHAR,
    target_code    VARCHAR,
    target_sector  VARCHAR,
    target_text    VARCHAR,
    event_date     DATE NOT NULL,
    event_date_end DATE,
    date_precision VARCHAR NOT NULL,        -- day | month | year | publication
    date_text      VARCHAR,
    place_name     VARCHAR,
    place_country  VARCHAR,
    place_lat      DOUBLE PRECISION,
    place_lon      DOUBLE PRECISION,
    negated        BOOLEAN NOT NULL,
    planned        BOOLEAN NOT NULL,
    reported       BOOLEAN NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    intensity      DOUBLE PRECISION NOT NULL, -- cooperation(+)/conflict(-), coding/intensity.py
    trigger        VARCHAR,
    lang           VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    code    VARCHAR PRIMARY KEY,            -- MLI, ECOWAS, JNIM ...
    name    VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,               -- country | igo | armed_group | ngo
    country VARCHAR                         -- home country, for groups
);

CREATE TABLE IF NOT EXISTS problems (
    path     VARCHAR NOT NULL,
    line     INTEGER,
    reason   VARCHAR NOT NULL,
    seen_at  TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_date ON events(event_date);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_code, target_code);
