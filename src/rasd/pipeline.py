"""The extraction pipeline: text in, :class:`~rasd.models.Document` out.

``Pipeline().extract(text, published="2020-01-16")`` runs a fixed sequence of
named components over a :class:`Work` (the document in progress: text,
normalised text, sentences, and the entities/events/relations found so far).
Each component is a small callable ``component(work) -> None`` built by a
factory from a :class:`Config`; the registry below names them in order, the
way spaCy composes a ``Language`` pipeline.

Extraction is a pure function of (document, config): no global state, so any
engine (a loop, a process pool, Dask) can run it.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import hashlib
import importlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from . import __version__
from .models import Document, Entity, Event, Provenance, Relation, Source, Warning_
from .text import NormText, Sentence, normalize, split_sentences

Component = Callable[["Work"], None]

# name -> "module:factory". A factory takes a Config and returns a Component.
REGISTRY: dict[str, str] = {
    "actors": "rasd.recognize.actors:make_component",
    "sources": "rasd.recognize.sources:make_component",
    "people": "rasd.recognize.people:make_component",
    "places": "rasd.recognize.places:make_component",
    "dates": "rasd.recognize.dates:make_component",
    "quantities": "rasd.recognize.quantities:make_component",
    "events": "rasd.events.extract:make_component",
    "relations": "rasd.relations.extract:make_component",
}
DEFAULT_COMPONENTS: tuple[str, ...] = tuple(REGISTRY)


@dataclass(frozen=True)
class Config:
    """What a pipeline is built from. Hashable, so loaders can cache on it."""

    kb_dirs: tuple[Path, ...] = ()  # user actor-KB directories, on top of the built-in base
    gazetteer: Optional[Path] = None  # gazetteer store file; None = the default store
    frames_dirs: tuple[Path, ...] = ()  # user event-frame directories, on top of the built-in
    components: tuple[str, ...] = DEFAULT_COMPONENTS


@dataclass
class Work:
    """A document in progress, handed from component to component."""

    doc_id: str
    text: str
    nt: NormText
    sentences: list[Sentence]
    published: Optional[_dt.date]
    source: Source
    title: Optional[str] = None
    language: Optional[str] = "ar"
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    # free-form notes components leave for later ones (e.g. "country": "SY")
    meta: dict = field(default_factory=dict)

    def add_entity(self, type: str, start: int, end: int, **kw) -> Entity:
        """Add an entity over ``text[start:end]``; its id is assigned here."""
        ent = Entity(id=f"e{len(self.entities) + 1}", type=type, text=self.text[start:end],
                     start=start, end=end, **kw)
        self.entities.append(ent)
        return ent

    def entities_in(self, start: int, end: int, type: Optional[str | Iterable[str]] = None) -> list[Entity]:
        """Entities wholly inside ``[start, end)``, in text order."""
        types = {type} if isinstance(type, str) else (set(type) if type else None)
        out = [e for e in self.entities if e.start >= start and e.end <= end and (types is None or e.type in types)]
        return sorted(out, key=lambda e: (e.start, e.end))

    def warn(self, code: str, message: str, start: Optional[int] = None, end: Optional[int] = None) -> None:
        self.warnings.append(Warning_(code=code, message=message, start=start, end=end))

    def tokens(self):
        """Clitic-analysed tokens of the whole text, computed once and shared by components."""
        toks = self.meta.get("_tokens")
        if toks is None:
            from .text import tokenize

            toks = self.meta["_tokens"] = tokenize(self.text)
        return toks

    def tokens_in(self, start: int, end: int):
        """The shared tokens lying inside ``[start, end)``."""
        import bisect

        toks = self.tokens()
        starts = self.meta.get("_token_starts")
        if starts is None:
            starts = self.meta["_token_starts"] = [t.start for t in toks]
        a = bisect.bisect_left(starts, start)
        b = bisect.bisect_left(starts, end)
        while b > a and toks[b - 1].end > end:
            b -= 1
        return toks[a:b]

    def sentence_at(self, offset: int) -> Optional[Sentence]:
        """The sentence holding ``offset`` (sentences are in text order and do not overlap)."""
        import bisect

        sents = self.sentences
        cached = self.meta.get("_sentence_starts")
        if cached is None or cached[0] is not sents or len(cached[1]) != len(sents):
            cached = self.meta["_sentence_starts"] = (sents, [s.start for s in sents])
        k = bisect.bisect_right(cached[1], offset) - 1
        if k >= 0 and offset < sents[k].end:
            return sents[k]
        return None


def _valid_unicode(s: str) -> str:
    """``s`` with lone surrogates (which cannot be encoded as UTF-8) replaced by U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def compose_text(title: Optional[str], text: str) -> str:
    """The record's ``text``: the title (when there is one) as its first line, then the body."""
    return f"{title}\n\n{text}" if title and not text.startswith(title) else text


def content_hash(text: str) -> str:
    """sha256 of the normalised text (``output.md``): the store deduplicates on it."""
    return "sha256:" + hashlib.sha256(normalize(text).norm.encode("utf-8")).hexdigest()


def parse_date(value: Optional[str | _dt.date]) -> Optional[_dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


#: Generation-0 threshold of the cycle collector while a document is extracted. A
#: document allocates (and frees) a few thousand container objects; with CPython's default
#: of 700 the collector runs many times per document, each time traversing objects that
#: reference counting is about to free. At 10,000 it rarely runs during a document; cyclic
#: garbage (rare here) waits a little longer. The previous threshold is restored when no
#: extraction is running.
GC_YOUNG_THRESHOLD = 10_000
_GC_LOCK = threading.Lock()
_GC_ACTIVE = 0  # extractions running (any thread)
_GC_SAVED: Optional[tuple[int, ...]] = None  # the thresholds to restore, None = leave as is


@contextlib.contextmanager
def relaxed_gc():
    """Run the block with the generation-0 threshold raised to :data:`GC_YOUNG_THRESHOLD`
    (never lowered; automatic collection stays off when it is off). Re-entrant and safe
    across threads: the first block to start saves the thresholds, the last to end
    restores them, unless something else changed them meanwhile."""
    global _GC_ACTIVE, _GC_SAVED
    with _GC_LOCK:
        if _GC_ACTIVE == 0:
            saved = gc.get_threshold()
            if 0 < saved[0] < GC_YOUNG_THRESHOLD:
                _GC_SAVED = saved
                gc.set_threshold(GC_YOUNG_THRESHOLD, *saved[1:])
            else:
                _GC_SAVED = None
        _GC_ACTIVE += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_ACTIVE -= 1
            if _GC_ACTIVE == 0 and _GC_SAVED is not None:
                if gc.get_threshold() == (GC_YOUNG_THRESHOLD, *_GC_SAVED[1:]):
                    gc.set_threshold(*_GC_SAVED)
                _GC_SAVED = None


def freeze_loaded(pipeline: "Pipeline") -> bool:
    """Once ``pipeline`` has loaded its components (its first document did), collect and
    move every object alive to the collector's permanent generation (:func:`gc.freeze`), so
    that the knowledge base, gazetteer index, frames and caches are no longer traversed by
    full collections. Returns False, doing nothing, while the components are not loaded.

    For a process that extracts many documents and owns its heap (the CLI, the store's
    ingest): call it after each document until it returns True. Frozen objects are still
    freed by reference counting; only cyclic garbage that exists at this moment would never
    be reclaimed, which is why it is collected first."""
    if pipeline._components is None:
        return False
    gc.collect()
    gc.freeze()
    return True


def _load_factory(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class Pipeline:
    """Arabic conflict news → document records.

    >>> import rasd
    >>> doc = rasd.Pipeline().extract("قصفت قوات النظام بلدة كفرنبل أمس.", published="2020-01-16")
    >>> doc.events[0].event_type  # doctest: +SKIP
    'Explosions/Remote violence'
    """

    def __init__(self, config: Optional[Config] = None, **kw):
        if config is None:
            kw = {k: tuple(Path(p) for p in v) if k.endswith("_dirs") else v for k, v in kw.items()}
            if kw.get("gazetteer") is not None:
                kw["gazetteer"] = Path(kw["gazetteer"])
            config = Config(**kw)
        self.config = config
        self._components: Optional[list[tuple[str, Component]]] = None
        self._provenance: Optional[Provenance] = None

    @property
    def components(self) -> list[tuple[str, Component]]:
        if self._components is None:
            self._components = [(n, _load_factory(REGISTRY[n])(self.config)) for n in self.config.components]
        return self._components

    def provenance(self) -> Provenance:
        """Versions of rasd, the knowledge base and the gazetteer (computed once per pipeline)."""
        if self._provenance is None:
            from .versions import gazetteer_version, kb_version

            self._provenance = Provenance(rasd=__version__, kb=kb_version(self.config),
                                          gazetteer=gazetteer_version(self.config))
        return self._provenance

    def extract(
        self,
        text: str,
        *,
        published: Optional[str | _dt.date] = None,
        outlet: Optional[str] = None,
        url: Optional[str] = None,
        doc_id: Optional[str] = None,
        title: Optional[str] = None,
        warnings: Sequence[Warning_] = (),
        language: Optional[str] = None,
    ) -> Document:
        """Extract one document from its (already cleaned) text.

        ``text`` is the body; when ``title`` is given it becomes the first line of
        the record's ``text``. Use :func:`rasd.ingest.prepare` to clean HTML or
        raw pages first (``rasd.ingest.extract_raw(pipeline, raw)`` does both).
        """
        # the collector's threshold is restored only once the document in progress has been
        # freed (when _extract returns): restored earlier, the young generation would hold
        # all of it and be collected at once
        with relaxed_gc():
            return self._extract(text, published=published, outlet=outlet, url=url, doc_id=doc_id,
                                 title=title, warnings=warnings, language=language)

    def _extract(self, text: str, *, published, outlet, url, doc_id, title, warnings, language) -> Document:
        from .ingest import detect_language

        warnings = list(warnings)
        clean_text = _valid_unicode(text)
        clean_title = _valid_unicode(title) if title else title
        if clean_text is not text or clean_title is not title:
            warnings.append(Warning_(code="invalid_unicode",
                                     message="lone surrogate code points (not valid Unicode text) replaced by U+FFFD"))
        text, title = clean_text, clean_title
        full = compose_text(title, text)
        pub = parse_date(published)
        work = Work(
            doc_id=doc_id or "doc",
            text=full,
            nt=normalize(full),
            sentences=split_sentences(full),
            published=pub,
            source=Source(outlet=outlet, url=url, published=pub.isoformat() if pub else None),
            title=title,
            warnings=list(warnings),
        )
        work.language = language or detect_language(full)
        if not full.strip():
            work.warn("empty", "the document has no text")
        elif work.language != "ar":
            work.warn("not_arabic", f"the document is not Arabic (detected: {work.language}); no events extracted")
        else:
            if pub is None:
                work.warn("no_published_date", "no publication date: relative dates stay null")
            for _name, comp in self.components:
                comp(work)
        return Document(
            doc_id=work.doc_id,
            content_hash="sha256:" + hashlib.sha256(work.nt.norm.encode("utf-8")).hexdigest(),
            source=work.source,
            language=work.language,
            title=title,
            text=full,
            entities=work.entities,
            events=work.events,
            relations=work.relations,
            provenance=self.provenance(),
            warnings=work.warnings,
        )

    def __call__(self, text: str, **kw) -> Document:
        return self.extract(text, **kw)
