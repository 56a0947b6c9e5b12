"""SOURCE entities: outlets, monitors and generic source phrases ("مصادر محلية"), from the KB.

They later become an event's ``attribution``. A source back-reference ("وقالت المصادر",
"ونقل المراسل") takes the ref of the last source named before it (tag ``backref``).
"""
from __future__ import annotations

from typing import Callable

from ..kb import KnowledgeBase, load
from .actors import find_mentions


def recognize_sources(work, kb: KnowledgeBase) -> None:
    last_ref = None
    for m in find_mentions(kb, work.nt.norm):
        forms = m.of_kind("source")
        if forms:
            a, b = work.nt.span(m.start, m.end)
            ref = forms[0].target
            src = kb.sources.get(ref)
            tags = ["generic"] if src is not None and src.kind == "generic" else []
            work.add_entity("SOURCE", a, b, ref=ref, tags=tags)
            last_ref = ref
        elif m.of_kind("source_backref") and last_ref is not None:
            a, b = work.nt.span(m.start, m.end)
            work.add_entity("SOURCE", a, b, ref=last_ref, tags=["backref"])


def make_component(config) -> Callable:
    kb = load(config.kb_dirs)

    def sources(work) -> None:
        recognize_sources(work, kb)

    return sources


__all__ = ["recognize_sources", "make_component"]
