"""Reading a corpus (folders, JSONL, RSS/Atom feeds) and extracting it into a :class:`Store`.

The work is split so that any engine can run the expensive part:

1. :func:`iter_items` streams :class:`Item` s from the input paths, in a fixed order
   (folders sorted, files line by line). Input that cannot be a document (binary,
   empty, malformed JSON, an over-long line) becomes an Item with a ``reject``
   reason and the sha256 of its original bytes.
2. :class:`Extractor` turns one Item into a :class:`~rasd.models.Document`: a pure
   function of the item (cleaning by :mod:`rasd.ingest`, then the pipeline).
3. :func:`ingest` cuts the stream into batches, extracts each batch (in this process
   or a pool of ``workers`` processes, results kept in input order) and stores it
   in one transaction. Rerunning after a crash gives the records of one clean run.
"""
from __future__ import annotations

import hashlib
import html
import importlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .. import ingest as _in
from ..models import Document
from .store import IngestStats, Store

FEED_EXTENSIONS = (".rss", ".atom", ".xml")
MAX_FEED_BYTES = 256 * 1024 * 1024
MAX_LINE_BYTES = _in.MAX_LINE_BYTES
_READ_CHUNK = 1 << 20


@dataclass
class Item:
    """One input document, or the reason it cannot be one."""

    where: str  # path, path:LINE (JSONL) or path#N (feed entry)
    sha256: str  # of the original bytes
    raw: Optional[_in.RawDoc] = None
    reject: Optional[str] = None


@dataclass
class Defaults:
    """Values for documents that do not carry their own."""

    published: Optional[str] = None
    outlet: Optional[str] = None


# ------------------------------------------------------------------ reading

def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_REJECT_CODES = {"binary_input", "malformed_line"}


def _check(raw: _in.RawDoc, where: str, sha: str) -> Item:
    bad = [w for w in raw.warnings if w.code in _REJECT_CODES]
    if bad:
        return Item(where, sha, reject=bad[0].message)
    if not raw.content.strip():
        return Item(where, sha, reject="empty document (no text)")
    return Item(where, sha, raw=raw)


def _file_item(path: Path) -> Item:
    where = str(path)
    try:
        data = path.read_bytes() if path.stat().st_size <= _in.MAX_BYTES else None
    except OSError as e:
        return Item(where, "", reject=f"cannot read: {e.strerror or e}")
    if data is None:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(_READ_CHUNK):
                h.update(chunk)
        sha = h.hexdigest()
    else:
        sha = _sha(data)
    if data is not None and not data.strip():
        return Item(where, sha, reject="empty file")
    raw = _in.read_document(str(path), _in.guess_format(path.name))
    return _check(raw, where, sha)


def _read_line(f, limit: int) -> tuple[Optional[bytes], int, str]:
    """One line of at most ``limit`` bytes: (bytes or None when longer, length, sha256)."""
    h = hashlib.sha256()
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = f.readline(_READ_CHUNK)
        if not chunk:
            break
        h.update(chunk)
        size += len(chunk)
        if size <= limit:
            parts.append(chunk)
        else:
            parts = []
        if chunk.endswith(b"\n"):
            break
    if size == 0:
        return b"", 0, ""
    return (b"".join(parts) if size <= limit else None), size, h.hexdigest()


def _jsonl_items(path: Path, max_line_bytes: int) -> Iterator[Item]:
    """JSONL lines read in bounded chunks: a 100 MB line is hashed and rejected, never held."""
    with open(path, "rb") as f:
        n = 0
        while True:
            line, size, sha = _read_line(f, max_line_bytes)
            if size == 0:
                return
            n += 1
            where = f"{path}:{n}"
            if line is None:
                yield Item(where, sha, reject=f"line {n} is {size:,} bytes, longer than the limit of {max_line_bytes:,}")
                continue
            if not line.strip():
                continue
            yield _check(_in._jsonl_record(line, n), where, sha)


_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/h[1-6]|/li|/blockquote)\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block ends become paragraph breaks."""
    t = _SCRIPT.sub(" ", fragment)
    t = _BLOCK_END.sub("\n\n", t)
    t = html.unescape(_TAG.sub(" ", t))
    paras = [" ".join(p.split()) for p in t.split("\n\n")]
    return "\n\n".join(p for p in paras if p)


def _feed_items(path: Path) -> Iterator[Item]:
    """Entries of an RSS/Atom file: text from the entry's content, else its summary."""
    import feedparser

    data = path.read_bytes()[:MAX_FEED_BYTES]
    parsed = feedparser.parse(data)
    feed_title = (parsed.feed.get("title") or "").strip() or None
    n = 0
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{n}"
        body = ""
        for c in entry.get("content") or ():
            if (c.get("value") or "").strip():
                body = c["value"]
                break
        if not body.strip():
            body = entry.get("summary") or ""
        body = fragment_text(body)
        pub = None
        t = entry.get("published_parsed") or entry.get("updated_parsed")
        if t:
            pub = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
        doc_id = entry.get("id") or entry.get("link") or where
        raw = _in.RawDoc(doc_id=doc_id, content=body, format="text", title=(entry.get("title") or "").strip() or None,
                         published=pub, outlet=feed_title, url=entry.get("link"))
        sha = _sha("\x1f".join([doc_id, raw.title or "", body]).encode("utf-8"))
        yield _check(raw, where, sha)
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        msg = str(exc).splitlines()[0] if exc else "malformed XML"
        if not parsed.entries:
            yield Item(str(path), _sha(data), reject=f"not a readable RSS/Atom feed ({msg})")
        elif not isinstance(exc, getattr(feedparser, "CharacterEncodingOverride", ())):
            yield Item(str(path), _sha(data),
                       reject=f"feed is malformed or truncated after entry {n} ({msg}); the {n} entries before were read")


def _is_feed(path: Path) -> bool:
    if path.suffix.lower() in (".rss", ".atom"):
        return True
    if path.suffix.lower() == ".xml":
        with open(path, "rb") as f:
            head = f.read(2048).lower()
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head
    return False


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths (folders walked recursively, sorted; hidden files skipped)."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        else:
            yield p


def iter_items(paths: Iterable[str | Path], max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Item]:
    """Every input document under ``paths``, in a deterministic order."""
    for path in iter_paths(paths):
        if not path.exists():
            yield Item(str(path), "", reject="no such file")
            continue
        try:
            if _in.guess_format(path.name) == "jsonl":
                yield from _jsonl_items(path, max_line_bytes)
            elif _is_feed(path):
                yield from _feed_items(path)
            else:
                yield _file_item(path)
        except OSError as e:
            yield Item(str(path), "", reject=f"cannot read: {e.strerror or e}")


# --------------------------------------------------------------- extraction

@lru_cache(maxsize=4)
def _pipeline(config):
    from ..pipeline import Pipeline

    return Pipeline(config)


@lru_cache(maxsize=4)
def _plugin(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Extractor:
    """Item → Document, picklable for process pools and Dask.

    ``plugin`` (``"module:function"``) replaces the pipeline by any function
    ``f(raw: RawDoc, published=..., outlet=...) -> Document``.
    """

    config: object = None  # rasd.pipeline.Config; None = default
    defaults: Defaults = field(default_factory=Defaults)
    plugin: Optional[str] = None

    def __call__(self, raw: _in.RawDoc) -> Document:
        kw = {"published": self.defaults.published, "outlet": self.defaults.outlet}
        if self.plugin:
            return _plugin(self.plugin)(raw, **kw)
        from ..pipeline import Config

        return _in.extract_raw(_pipeline(self.config or Config()), raw, **kw)


@dataclass
class Outcome:
    """What extracting one item produced."""

    doc: Optional[Document] = None
    reject: Optional[tuple[str, str, str]] = None  # (reason, sha256, where)


def run_item(extractor: Extractor, item: Item) -> Outcome:
    if item.reject:
        return Outcome(reject=(item.reject, item.sha256, item.where))
    try:
        doc = extractor(item.raw)
    except Exception as e:  # a broken document must not stop the run
        return Outcome(reject=(f"extraction failed: {type(e).__name__}: {str(e)[:200]}", item.sha256, item.where))
    if not doc.text.strip():
        reason = next((w.message for w in doc.warnings if w.code in ("no_article", "empty")), "no text after cleaning")
        return Outcome(reject=(reason, item.sha256, item.where))
    return Outcome(doc=doc)


def run_batch(extractor: Extractor, items: list[Item]) -> list[Outcome]:
    return [run_item(extractor, it) for it in items]


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def store_outcomes(store: Store, outcomes: list[Outcome]) -> IngestStats:
    """Write one batch of outcomes in one transaction."""
    docs = [o.doc for o in outcomes if o.doc is not None]
    rejects = [o.reject for o in outcomes if o.reject is not None]
    return store.add_batch(docs, rejects)


ProgressFn = Callable[[IngestStats, int], None]


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    extractor: Optional[Extractor] = None,
    *,
    workers: int = 1,
    batch_size: int = 100,
    progress: Optional[ProgressFn] = None,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> IngestStats:
    """Extract and store every document under ``paths``; returns the run's counts.

    ``workers > 1`` extracts each batch on a pool of local processes. Memory stays
    bounded by one batch (plus one batch in flight per worker).
    """
    extractor = extractor or Extractor()
    total = IngestStats()
    items = iter_items(paths, max_line_bytes)
    pool = None
    if workers > 1:
        import multiprocessing as mp

        pool = mp.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers)
    try:
        for batch in _batches(items, batch_size):
            if pool is not None:
                chunk = max(1, len(batch) // (workers * 4))
                parts = [batch[i:i + chunk] for i in range(0, len(batch), chunk)]
                outcomes = [o for part in pool.starmap(run_batch, [(extractor, p) for p in parts]) for o in part]
            else:
                outcomes = run_batch(extractor, batch)
            stats = store_outcomes(store, outcomes)
            total += stats
            if progress:
                progress(stats, len(batch))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return total
