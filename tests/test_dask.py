"""The Dask path (a real LocalCluster of two worker processes) gives the records of the single-process path."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasd.dist import read_shard, write_shard
from rasd.store import Store
from rasd.store.loader import Extractor, Outcome, ingest

from test_ingest import EXTRACTOR, build_corpus, snapshot
from test_store import TEXT_A, make_doc, make_event


def test_shard_round_trip(tmp_path):
    outs = [Outcome(doc=make_doc("a", TEXT_A, events=[make_event(1)])), Outcome(reject=("empty file", "ab", "x.txt"))]
    p = tmp_path / "part-000000.parquet"
    assert write_shard(outs, p) == 2
    back = read_shard(p)
    assert back[0].doc == outs[0].doc and back[1].reject == outs[1].reject


@pytest.mark.slow
def test_dask_local_cluster_equals_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    from rasd.dist import ingest_dask

    corpus = tmp_path / "c.jsonl"
    build_corpus(corpus, n=400, seed=11)
    with open(corpus, "a", encoding="utf-8") as f:
        f.write("{broken json\n")
    ref = tmp_path / "ref.duckdb"
    with Store(ref) as st:
        ingest(st, [corpus], Extractor(plugin=EXTRACTOR), batch_size=60)
    db = tmp_path / "dask.duckdb"
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client, Store(db) as st:
            assert len(client.scheduler_info()["workers"]) == 2
            stats = ingest_dask(st, [corpus], Extractor(plugin=EXTRACTOR), shard_dir=tmp_path / "shards",
                                partition_size=60, client=client)
            assert stats.rejected == 1 and stats.stored > 0
            # every shard was loaded and removed
            assert not list(tmp_path.glob("shards/*.parquet"))
    finally:
        cluster.close()
    assert snapshot(db) == snapshot(ref)
    with Store(db, read_only=True) as st:
        assert len(st.rejects()) == 1
