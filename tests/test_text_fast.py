"""The fast paths of the text layer give exactly what the plain per-character rules give.

Each fast path (one ``str.translate`` for normalisation, a regex jump between the
characters the sentence splitter acts on, memoised token analyses) is checked against a
straightforward reference implementation kept here.
"""
from __future__ import annotations

import importlib
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.text import Token, analyses, norm, normalize, split_sentences, tokenize
from rasd.text import tokens as tokens_module
from rasd.text.normalize import _fast_tables, _fold_char
from rasd.text.sentences import _END, _OPEN, _SYMMETRIC, _closing_quote, _emit, _is_abbrev, paragraphs

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_normalize(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised string and offset map, one character at a time."""
    out, origin = [], []
    for i, ch in enumerate(text):
        rep = _fold_char(ch)
        out.append(rep)
        origin.extend([i] * len(rep))
    origin.append(len(text))
    return "".join(out), tuple(origin)


def test_every_bmp_character_folds_as_the_per_character_rules_say():
    # each character between Arabic letters (and a haraka, so the drop path is taken too)
    bad = []
    for o in list(range(0x10000)) + [0x1F600, 0x10400, 0x1D400]:
        text = "بـ" + chr(o) + "ًa"
        nt = normalize(text)
        if (nt.norm, nt.origin) != reference_normalize(text) or norm(text) != nt.norm:
            bad.append(hex(o))
    assert not bad, bad[:20]


def test_fold_table_is_idempotent_so_replacements_can_be_chained():
    table = _fast_tables()[0]
    assert all(v is None or len(v) == 1 for v in table.values())
    assert not [k for k, v in table.items() if v and ord(v) in table and table[ord(v)] != v]


def test_long_texts_fold_like_short_ones(monkeypatch):
    nm = importlib.import_module("rasd.text.normalize")  # the module (rasd.text.normalize is the function)

    text = ("قالَ «المرصد» إنّ Ahmed وÉcole ًقتلوا ١٢ شخصاً في ٱلبلدة ى ة ک ی\u00a0\u200f" * 12)
    assert len(text) >= nm._CHAIN_MIN
    long_nt = normalize(text)
    assert (long_nt.norm, long_nt.origin) == reference_normalize(text)
    monkeypatch.setattr(nm, "_CHAIN_MIN", 10**9)  # force str.translate
    assert normalize(text) == long_nt and norm(text) == long_nt.norm


def test_every_bmp_character_folds_alike_on_the_chained_path(monkeypatch):
    nm = importlib.import_module("rasd.text.normalize")
    monkeypatch.setattr(nm, "_CHAIN_MIN", 0)
    bad = []
    for o in range(0x10000):
        text = "بـ" + chr(o) + "ًa"
        nt = normalize(text)
        if (nt.norm, nt.origin) != reference_normalize(text):
            bad.append(hex(o))
    assert not bad, bad[:20]


def test_guillemets_and_latin_capitals_take_the_table_path():
    text = "قال «المرصد» إن Ahmed وÉcole ًقتلوا"
    nt = normalize(text)
    assert (nt.norm, nt.origin) == reference_normalize(text)
    assert "«المرصد»" in nt.norm and "ahmed" in nt.norm and "école" in nt.norm
    assert not _fast_tables()[2].search(text)  # not the per-character path


@SETTINGS
@given(st.text(max_size=120))
def test_normalize_matches_reference_on_any_text(text):
    nt = normalize(text)
    assert (nt.norm, nt.origin) == reference_normalize(text)


# ------------------------------------------------------------------ sentences
def reference_split(text: str, semicolon: bool = False) -> list[tuple[int, int, int, str]]:
    """The splitter looking at every character in turn."""
    ends = set(_END) | ({"؛", ";"} if semicolon else set())
    out = []
    for p_idx, (ps, pe) in enumerate(paragraphs(text)):
        start = i = ps
        while i < pe:
            ch = text[i]
            if ch in _OPEN or ch in _SYMMETRIC:
                j = _closing_quote(text, i, pe)
                if j > 0:
                    i = j
                    continue
            if ch in ends:
                k = i + 1
                while k < pe and text[k] in ends | {"»", "”", '"', ")"}:
                    k += 1
                if (k >= pe or text[k].isspace()) and not (ch == "." and _is_abbrev(text, i)):
                    _emit(text, start, k, p_idx, out)
                    while k < pe and text[k].isspace():
                        k += 1
                    start = i = k
                    continue
            i += 1
        _emit(text, start, pe, p_idx, out)
    return [(s.start, s.end, s.paragraph, s.text) for s in out]


def test_sentence_splitter_matches_reference_on_punctuation_soup():
    rng = random.Random(7)
    alphabet = list('ب ج .!?؟…«»“”„‹›"؛;)\n 3.5د') + ["م.", "أ."]
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        for semicolon in (False, True):
            got = [(s.start, s.end, s.paragraph, s.text) for s in split_sentences(text, semicolon)]
            assert got == reference_split(text, semicolon), text


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list('بت .!?؟…«»“”"؛;)\nد3')), max_size=80))
def test_sentence_splitter_matches_reference(text):
    for semicolon in (False, True):
        got = [(s.start, s.end, s.paragraph, s.text) for s in split_sentences(text, semicolon)]
        assert got == reference_split(text, semicolon)


# ------------------------------------------------------------------ tokens
_WORD = tokens_module._WORD_RE


def reference_tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), norm(m.group()), analyses(m.group()))
            for m in _WORD.finditer(text)]


def test_tokens_match_reference_and_survive_memo_flush(monkeypatch):
    text = "وقصفت قوات النظام بلدةَ كفرنبل، وسيطرته على «معرة النعمان» 12 مرة. ﻻ"
    assert tokenize(text) == reference_tokens(text)
    assert all(type(t) is Token for t in tokenize(text))
    monkeypatch.setattr(tokens_module, "_WORD_MEMO_MAX", 3)
    tokens_module._WORD_MEMO.clear()
    for _ in range(3):
        assert tokenize(text) == reference_tokens(text)
    assert len(tokens_module._WORD_MEMO) <= 3


@SETTINGS
@given(st.text(max_size=120))
def test_tokens_match_reference_on_any_text(text):
    assert tokenize(text) == reference_tokens(text)
    assert tokenize(text, with_analyses=False) == [t._replace(analyses=()) for t in reference_tokens(text)]



@SETTINGS
@given(st.text(max_size=400))
def test_chained_fold_finds_exactly_the_changing_characters(text):
    """The regex class of the chained path finds the characters of ``text`` that the fold
    table changes: those of the table's keys that occur in the text."""
    nm = importlib.import_module("rasd.text.normalize")
    keys_re, rep = nm._chain_tables()
    assert set(keys_re.findall(text)) == frozenset(rep).intersection(text)
    every = "".join(sorted(rep))
    assert set(keys_re.findall(every)) == set(rep)
