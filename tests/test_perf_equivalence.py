"""Shortcuts taken for speed compute exactly what the plain definitions compute."""
from __future__ import annotations

import hashlib

import pytest

from rasd.events.extract import _event_id
from rasd.pipeline import Pipeline


def _plain_event_id(doc_id: str, text: str, rule: str, start: int, loc: str) -> str:
    return "ev-" + hashlib.sha1(f"{doc_id}|{text}|{rule}|{start}|{loc}".encode("utf-8")).hexdigest()[:12]


class _Bare:  # a component's view of a document without a meta dict
    def __init__(self, doc_id, text):
        self.doc_id, self.text = doc_id, text


@pytest.mark.parametrize("work", [_Bare("d1", "قصفت قوات النظام بلدة كفرنبل"), _Bare("d2", "")])
def test_event_id_is_sha1_of_the_documented_string(work):
    for rule, start, loc in [("battles.1", 0, "كفرنبل"), ("x", 17, ""), ("y|z", 3, "إدلب")]:
        assert _event_id(work, rule, start, loc) == _plain_event_id(work.doc_id, work.text, rule, start, loc)


def test_event_id_hash_is_not_reused_across_documents():
    p = Pipeline()
    text = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب أمس."
    for doc_id in ("a", "b"):
        doc = p.extract(text, published="2020-01-16", doc_id=doc_id)
        assert doc.events
        for ev in doc.events:
            ids = {_plain_event_id(doc_id, doc.text, ev.rule, s, ev.location.name_ar or "")
                   for s in range(0, len(doc.text))}
            assert ev.id in ids, ev.id
