"""Re-extraction of stored documents whose ``provenance`` is out of date."""
from __future__ import annotations

from typing import Optional

from ..ingest import RawDoc
from .loader import Extractor
from .store import Store


def current_provenance(config=None) -> dict:
    """The provenance a record extracted now would carry."""
    from ..pipeline import Config, Pipeline

    return Pipeline(config or Config()).provenance().model_dump()


def raw_from_record(rec: dict) -> RawDoc:
    """The input a stored record was extracted from (its text, title and source)."""
    text, title = rec["text"], rec.get("title")
    if title and text.startswith(title):
        text = text[len(title):].lstrip("\n")
    src = rec.get("source") or {}
    return RawDoc(doc_id=rec["doc_id"], content=text, title=title, published=src.get("published"),
                  outlet=src.get("outlet"), url=src.get("url"))


def reextract(store: Store, extractor: Extractor, provenance: dict, *, force: bool = False,
              dry_run: bool = False, batch_size: int = 100) -> tuple[int, int]:
    """Re-extract stale documents (all with ``force``); returns (documents, events)."""
    # collect the ids first: the cursor must not stay open while the tables change
    todo = [h for h, _ in store.stale_documents(provenance, force)]
    if dry_run:
        return len(todo), 0
    n_docs = n_events = 0
    batch = []
    for h in todo:
        rec = store.get_document(h).to_dict()
        doc = extractor(raw_from_record(rec))
        if doc.content_hash != rec["content_hash"]:  # cleaning changed the text: keep the stored identity
            doc = doc.model_copy(update={"content_hash": rec["content_hash"]})
        batch.append(doc)
        if len(batch) >= batch_size:
            n_events += store.replace_documents(batch, recluster=False)
            n_docs += len(batch)
            batch = []
    if batch:
        n_events += store.replace_documents(batch, recluster=False)
        n_docs += len(batch)
    store.recluster()
    return n_docs, n_events
