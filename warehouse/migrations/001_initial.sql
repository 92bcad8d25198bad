-- Migration 1: every table the warehouse had when numbered migrations began (issue 16), as its
-- CREATE TABLE read then; the columns added to them after the first release are migrations 2 and 3.
-- Files made before then have these tables but no schema_version: the IF NOT EXISTS forms let a
-- writer apply this migration to them in place and record it. A released migration is never
-- edited: a change is the next number (docs/warehouse.md, "Schema versions and migrations").

-- The migrations applied to this file, one row each (warehouse/db.py: migrate).
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

-- One row per article. `fingerprint` changes when the text, its manifest row or the
-- extractor version changes; an unchanged fingerprint means the document is skipped.
CREATE TABLE IF NOT EXISTS documents (
    doc_id            VARCHAR PRIMARY KEY,
    source_file       VARCHAR NOT NULL,
    publisher         VARCHAR,
    title             VARCHAR,
    url               VARCHAR,
    published         DATE,
    reference_date    DATE,
    reference_basis   VARCHAR NOT NULL,
    encoding          VARCHAR,
    n_chars           INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL,
    fingerprint       VARCHAR NOT NULL,
    run_id            VARCHAR,
    loaded_at         TIMESTAMP NOT NULL
);

-- Columns every event has; type-specific attributes live in the tables below.
CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR PRIMARY KEY,
    event_type        VARCHAR NOT NULL,
    doc_id            VARCHAR NOT NULL,
    date_start        DATE,
    date_end          DATE,
    date_precision    VARCHAR,
    date_text         VARCHAR,
    date_basis        VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    actor             VARCHAR,
    location          VARCHAR,
    quality_flags     VARCHAR[] NOT NULL,
    confidence        DOUBLE NOT NULL,
    sentence          VARCHAR NOT NULL,
    char_start        INTEGER NOT NULL,
    char_end          INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR,
    cluster_id        VARCHAR
);

CREATE TABLE IF NOT EXISTS visits (
    event_id VARCHAR PRIMARY KEY,
    ordinal  INTEGER
);

CREATE TABLE IF NOT EXISTS meetings (
    event_id       VARCHAR PRIMARY KEY,
    n_participants INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS arms_authorizations (
    event_id        VARCHAR PRIMARY KEY,
    recipient       VARCHAR,
    item            VARCHAR,
    quantity        BIGINT,
    unit            VARCHAR,
    value_usd       DOUBLE,
    value_qualifier VARCHAR,
    mechanism       VARCHAR
);

CREATE TABLE IF NOT EXISTS casualty_figures (
    event_id        VARCHAR PRIMARY KEY,
    count           BIGINT,
    count_qualifier VARCHAR,
    category        VARCHAR NOT NULL,
    victims         VARCHAR,
    reported_by     VARCHAR
);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    name     VARCHAR NOT NULL,
    role     VARCHAR,
    PRIMARY KEY (event_id, position)
);

-- Everything that failed, with the stage and a reason; the same problem seen again is one row.
CREATE TABLE IF NOT EXISTS rejects (
    reject_id   VARCHAR PRIMARY KEY,
    stage       VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    source_file VARCHAR,
    doc_id      VARCHAR,
    payload     VARCHAR,
    run_id      VARCHAR,
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL
);

-- Lineage: one row per pipeline run.
CREATE TABLE IF NOT EXISTS runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    source            VARCHAR,
    db                VARCHAR,
    extractor_version VARCHAR,
    status            VARCHAR NOT NULL,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    documents_seen    INTEGER,
    documents_loaded  INTEGER,
    documents_skipped INTEGER,
    events_loaded     INTEGER,
    rejects           INTEGER,
    parameters        VARCHAR
);

-- The same real-world event told by several documents (recomputed by refine after each run).
CREATE TABLE IF NOT EXISTS event_clusters (
    cluster_id     VARCHAR PRIMARY KEY,
    event_type     VARCHAR NOT NULL,
    date_start     DATE,
    date_end       DATE,
    actor          VARCHAR,
    participants   VARCHAR[],
    location       VARCHAR,
    recipient      VARCHAR,
    item           VARCHAR,
    quantity       BIGINT,
    value_usd      DOUBLE,
    count          BIGINT,
    category       VARCHAR,
    victims        VARCHAR,
    reported_by    VARCHAR,
    status         VARCHAR,
    first_reported DATE,
    last_reported  DATE,
    n_documents    INTEGER NOT NULL,
    n_events       INTEGER NOT NULL,
    publishers     VARCHAR[],
    conflicts      VARCHAR[]   -- attributes the sources disagree on, e.g. 'ordinal: 4 | 5'
);

-- Earlier versions of a source whose text changed: replaced in `documents`, kept here.
CREATE TABLE IF NOT EXISTS document_history (
    doc_id        VARCHAR NOT NULL,
    source_key    VARCHAR,
    source_file   VARCHAR NOT NULL,
    url           VARCHAR,
    published     DATE,
    text          VARCHAR NOT NULL,
    fingerprint   VARCHAR NOT NULL,
    loaded_at     TIMESTAMP NOT NULL,
    replaced_at   TIMESTAMP NOT NULL,
    replaced_by   VARCHAR NOT NULL,   -- doc_id of the version that replaced it
    run_id        VARCHAR             -- the run that replaced it
);
