"""Extraction on Dask distributed, partition by partition, through Parquet shards.

    rasd ingest corpus.jsonl --dask-workers 4                       # a local cluster
    rasd ingest corpus.jsonl --scheduler tcp://10.0.0.5:8786 --shard-dir /shared/shards

The client reads the input (as :func:`rasd.store.loader.iter_items` does), cuts it
into partitions of ``partition_size`` documents and submits one task per partition:
the task runs the same pure extraction as a local ingest and writes its outcomes
(records and rejects) to a Parquet shard ``part-NNNNNN.parquet`` in ``shard_dir``.
The client loads the shards into the store *in partition order*, one transaction
each, so the store ends with exactly the records of a single-process ingest. At most
``2 × workers`` partitions are in flight, so memory stays bounded on both sides.

On a real cluster ``shard_dir`` must be a path every worker and the client can
reach (NFS, a shared volume); the workers need rasd installed (``pip install rasd``)
with the same knowledge base and gazetteer.
"""
from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from typing import Iterable, Optional

from .models import Document
from .store.loader import (MAX_LINE_BYTES, Extractor, Item, Outcome, ProgressFn, _batches, iter_items, run_batch,
                           store_outcomes)
from .store.store import IngestStats, Store

SHARD_COLUMNS = ("kind", "record", "reason", "sha256", "where")


def write_shard(outcomes: list[Outcome], path: Path) -> int:
    """Outcomes of one partition as a Parquet file (kind = doc | reject)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {c: [] for c in SHARD_COLUMNS}
    for o in outcomes:
        if o.doc is not None:
            rows["kind"].append("doc")
            rows["record"].append(o.doc.to_json())
            rows["reason"].append(None)
            rows["sha256"].append(None)
            rows["where"].append(None)
        else:
            reason, sha, where = o.reject
            rows["kind"].append("reject")
            rows["record"].append(None)
            rows["reason"].append(reason)
            rows["sha256"].append(sha)
            rows["where"].append(where)
    table = pa.table({c: pa.array(v, type=pa.string()) for c, v in rows.items()})
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)  # a shard is either whole or absent
    return len(outcomes)


def read_shard(path: Path) -> list[Outcome]:
    import pyarrow.parquet as pq

    t = pq.read_table(path).to_pydict()
    out = []
    for kind, rec, reason, sha, where in zip(*(t[c] for c in SHARD_COLUMNS)):
        if kind == "doc":
            out.append(Outcome(doc=Document.model_validate_json(rec)))
        else:
            out.append(Outcome(reject=(reason, sha, where)))
    return out


def extract_partition(extractor: Extractor, items: list[Item], shard: str) -> str:
    """The Dask task: extract one partition and write its shard; returns the shard path."""
    p = Path(shard)
    p.parent.mkdir(parents=True, exist_ok=True)
    write_shard(run_batch(extractor, items), p)
    return shard


def _client(n_workers: Optional[int], scheduler: Optional[str]):
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as e:
            raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
    cluster = LocalCluster(n_workers=n_workers or 2, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def ingest_dask(
    store: Store,
    paths: Iterable[str | Path],
    extractor: Optional[Extractor] = None,
    *,
    n_workers: Optional[int] = None,
    scheduler: Optional[str] = None,
    shard_dir: Path,
    partition_size: int = 200,
    progress: Optional[ProgressFn] = None,
    max_line_bytes: int = MAX_LINE_BYTES,
    client=None,
) -> IngestStats:
    """Extract ``paths`` on Dask and load the shards into ``store`` in input order."""
    extractor = extractor or Extractor()
    shard_dir = Path(shard_dir)
    shard_dir.mkdir(parents=True, exist_ok=True)
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(n_workers, scheduler)
    total = IngestStats()
    try:
        window = max(2, 2 * max(1, len(client.scheduler_info().get("workers", {})) or (n_workers or 2)))
        pending: deque = deque()

        def drain_one() -> None:
            nonlocal total
            fut, n = pending.popleft()
            shard = Path(fut.result())
            stats = store_outcomes(store, read_shard(shard))
            shard.unlink(missing_ok=True)
            total += stats
            if progress:
                progress(stats, n)

        for i, part in enumerate(_batches(iter_items(paths, max_line_bytes), partition_size)):
            shard = str(shard_dir / f"part-{i:06d}.parquet")
            fut = client.submit(extract_partition, extractor, part, shard, key=f"rasd-extract-{i}-{id(store)}", pure=False)
            pending.append((fut, len(part)))
            if len(pending) >= window:
                drain_one()
        while pending:
            drain_one()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    try:
        shard_dir.rmdir()
    except OSError:
        pass
    return total
