"""The corpus store: every document record in one DuckDB file.

    >>> from rasd.store import Store, EventFilter
    >>> with Store("rasd.duckdb") as st:                       # doctest: +SKIP
    ...     st.add_documents(docs)                              # IngestStats(stored=…, duplicates=…, rejected=…)
    ...     st.query_events(EventFilter(type="Battles", admin1="Idlib"))

Tables: ``documents`` (one row per distinct ``content_hash``, with the whole
record as JSON), ``entities``, ``events`` (flattened ACLED-style columns, the
event JSON, ``cluster_id``), ``relations``, ``clusters``, ``rejects``,
``doc_bands`` (MinHash LSH bands for syndicated copies) and ``schema_version``.
Every batch is one transaction, so a killed ingest leaves only whole batches, and
``content_hash`` makes re-ingesting a no-op.
"""
from .store import EventFilter, IngestStats, Store, StoreError

__all__ = ["Store", "EventFilter", "IngestStats", "StoreError"]
