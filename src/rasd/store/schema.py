"""The store's tables and their migrations.

``MIGRATIONS[i]`` brings a database from schema version ``i`` to ``i + 1``; a new
database runs them all. Never edit a released migration: append a new one.
"""
from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 0 -> 1: the first schema
    [
        """CREATE TABLE documents (
            content_hash VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            doc_id VARCHAR NOT NULL,
            outlet VARCHAR,
            url VARCHAR,
            published DATE,
            language VARCHAR,
            title VARCHAR,
            text VARCHAR,
            record JSON NOT NULL,
            provenance JSON,
            n_events INTEGER,
            dup_of VARCHAR,
            minhash UBIGINT[],
            ingested_at TIMESTAMP DEFAULT current_timestamp
        )""",
        "CREATE INDEX documents_doc_id ON documents(doc_id)",
        """CREATE TABLE doc_bands (
            band BIGINT NOT NULL,
            content_hash VARCHAR NOT NULL
        )""",
        """CREATE TABLE entities (
            content_hash VARCHAR NOT NULL,
            doc_id VARCHAR,
            entity_id VARCHAR,
            type VARCHAR,
            text VARCHAR,
            start_ INTEGER,
            end_ INTEGER,
            ref VARCHAR
        )""",
        """CREATE TABLE events (
            event_key VARCHAR PRIMARY KEY,
            seq BIGINT NOT NULL,
            content_hash VARCHAR NOT NULL,
            doc_id VARCHAR,
            event_id VARCHAR,
            event_type VARCHAR,
            sub_event_type VARCHAR,
            plover VARCHAR,
            event_date DATE,
            cdate DATE,
            time_precision INTEGER,
            modality VARCHAR,
            actor1 VARCHAR, actor1_ref VARCHAR, actor1_inter INTEGER,
            actor2 VARCHAR, actor2_ref VARCHAR, actor2_inter INTEGER,
            assoc_actor_1 VARCHAR, assoc_actor_2 VARCHAR,
            actor_refs VARCHAR[],
            actor_names VARCHAR,
            country VARCHAR, country_code VARCHAR, iso INTEGER,
            admin1 VARCHAR, admin2 VARCHAR, admin3 VARCHAR,
            location VARCHAR, location_ar VARCHAR, location_ref VARCHAR,
            latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
            fatalities INTEGER,
            confidence DOUBLE,
            outlet VARCHAR,
            published DATE,
            event JSON NOT NULL,
            cluster_id VARCHAR
        )""",
        "CREATE INDEX events_type_date ON events(event_type, cdate)",
        "CREATE INDEX events_cluster ON events(cluster_id)",
        """CREATE TABLE relations (
            content_hash VARCHAR NOT NULL,
            doc_id VARCHAR,
            type VARCHAR,
            source_ref VARCHAR, source_name VARCHAR,
            target_ref VARCHAR, target_name VARCHAR,
            relation JSON NOT NULL
        )""",
        """CREATE TABLE clusters (
            cluster_id VARCHAR PRIMARY KEY,
            first_seq BIGINT NOT NULL,
            first_key VARCHAR NOT NULL,
            representative VARCHAR,
            event_type VARCHAR,
            event_date DATE,
            country_code VARCHAR,
            sources JSON,
            corroboration INTEGER,
            n_events INTEGER,
            n_documents INTEGER
        )""",
        """CREATE TABLE rejects (
            sha256 VARCHAR NOT NULL,
            where_ VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            rejected_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (sha256, where_)
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
