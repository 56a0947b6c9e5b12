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


# ------------------------------------------------------------------ relation keywords
def test_relation_keywords_per_word_equal_one_scan_of_the_skeleton():
    from rasd.relations.extract import _keyword_automaton, _keywords_in, load_patterns

    patterns = load_patterns()
    auto = _keyword_automaton(patterns)
    keywords = sorted({k for p in patterns for k in p.keywords})
    assert keywords
    texts = ["⟨A1⟩ الموالية ل ⟨A2⟩ ، " + " ".join(keywords[:5]),
             " ".join(k + "ات" for k in keywords[5:15]) + " بايعت ⟨A3⟩",
             "", " ", "كلمات عادية لا شيء فيها"]
    for text in texts:
        assert _keywords_in(text, patterns) == frozenset(k for _e, k in auto.iter(text))


# ------------------------------------------------------------------ quantity tokens
_Q_TEXT = ("قتل 5 اشخاص وجرح 7 آخرين، وسقط خمسة وعشرون قتيلا بين 3 و4 مدنيين – 10-15 جنديا؛ "
           "العشرات! مقتل قيادي. لم يسفر عن إصابات 2,500 و3.5%")


def _q_texts():
    import random

    rng = random.Random(3)
    alphabet = list("قتل 5 و٣ خمسة ,.،-–%؛:!?؟ab") + ["مقتل ", "قتيلان ", "عشرات "]
    yield _Q_TEXT
    yield ""
    for _ in range(300):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


def test_document_tokens_are_the_plain_tokens_and_ranges():
    from rasd.recognize.quantities import DocTokens, tokens
    from rasd.text import norm

    for raw in _q_texts():
        s = norm(raw)
        doc = DocTokens(s)
        assert [doc[i] for i in range(len(doc))] == tokens(s)
        for a in range(0, len(s) + 1, 3):
            for b in range(a, len(s) + 1, 5):
                assert DocTokens(s).range(a, b) == tokens(s, a, b), (s, a, b)


def test_quantity_candidates_memo_agrees_with_the_forms():
    from rasd.recognize.quantities import DocTokens, load_tables, quantities_in, tokens
    from rasd.text import norm

    t = load_tables()
    for raw in _q_texts():
        s = norm(raw)
        toks = tokens(s)
        plain = [k for k, tok in enumerate(toks) if tok.text[0].isdigit() or not t.starters.isdisjoint(tok.forms)]
        assert DocTokens(s).candidates(t) == plain
        assert quantities_in(toks, t) == quantities_in(toks, t, cands=plain)


def test_range_index_answers_as_the_scan_of_all_ranges():
    import random

    from rasd.text.ranges import RangeIndex

    rng = random.Random(5)
    for _ in range(300):
        ranges = tuple((a, a + rng.randint(0, 12)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8))))
        idx = RangeIndex(ranges)
        for s in range(0, 70, 2):
            for e in range(s, s + 15, 3):
                assert idx.covers(s, e) == any(s >= a and e <= b for a, b in ranges)
                assert idx.overlaps(s, e) == any(s < b and e > a for a, b in ranges)


# ------------------------------------------------------------------ trigger look-up
def test_trigger_candidates_are_the_frames_candidates_of_each_analysis():
    from rasd.events._speed import trigger_candidates
    from rasd.events.frames import load_frames
    from rasd.text import tokenize

    frames = load_frames(())
    text = ("قصفت قوات النظام بلدة كفرنبل وسيطرت على التلال بعد اشتباكات وغارات جوية، "
            "والهجوم الذي شنته الفصائل؛ واعتقلت الشرطة متظاهرين وقتلت مدنيين بالقصف")
    seen_some = False
    for _ in range(2):  # the second pass answers from the memo
        for tok in tokenize(text):
            plain = tuple((a, frames.candidates(a.stem)) for a in tok.analyses if frames.candidates(a.stem))
            assert trigger_candidates(frames, tok) == plain
            seen_some = seen_some or bool(plain)
    assert seen_some


# ------------------------------------------------------------------ event dates, sentences
def _plain_resolve_event_date(work, start, end, anchor=None):
    """resolve_event_date as a scan of every entity and sentence (the reference)."""
    from rasd.recognize.dates import _CLAUSE_MARKS, _SKIP_TAGS, _usable

    anchor = start if anchor is None else anchor
    dates = [e for e in work.entities if e.type == "DATE"]

    def cost(e):
        a, b = (e.end, anchor) if e.end <= anchor else (anchor, e.start)
        between = work.text[a:b] if b > a else ""
        return sum(between.count(c) for c in _CLAUSE_MARKS), max(0, b - a)

    def nearest(cands):
        return min(cands, key=lambda e: (cost(e), e.start))

    inside = [e for e in dates if e.start >= start and e.end <= end]
    usable = [e for e in inside if _usable(e)]
    if usable:
        e = nearest(usable)
        return e.date, e.time_precision, e
    flagged = [e for e in inside if any(t in e.tags for t in _SKIP_TAGS)
               and not ("future" in e.tags and e.start >= anchor and cost(e)[0] > 0)]
    if flagged:
        return flagged[0].date, flagged[0].time_precision, flagged[0]
    sent = next((s for s in work.sentences if s.start <= start < s.end), None)
    if sent is not None:
        same = [e for e in dates if e.start >= sent.start and e.end <= sent.end and _usable(e)]
        if same:
            e = nearest(same)
            return e.date, e.time_precision, e
        earlier = [s for s in work.sentences if s.paragraph == sent.paragraph and s.end <= sent.start]
        for s in reversed(earlier):
            prev = [e for e in dates if e.start >= s.start and e.end <= s.end and _usable(e)]
            if prev:
                return prev[-1].date, prev[-1].time_precision, prev[-1]
    if work.published is not None:
        return work.published.isoformat(), 2, None
    return None, None, None


_DATED = ("قصفت الطائرات أمس الأربعاء بلدة كفرنبل، وفي 3 آذار 2020 اندلعت اشتباكات. وكانت القوات قد "
          "سيطرت عام 2018 على المدينة.\n\nوفي يوم الجمعة قتل 5 مدنيين في غارة، وغدا ستبدأ الهدنة. "
          "وقال المرصد اليوم إن الاشتباكات مستمرة منذ الثلاثاء الماضي.\nتظاهر المئات.")


def _dated_work():
    from rasd.pipeline import Pipeline

    p = Pipeline(components=("actors", "sources", "people", "places", "dates"))
    captured = {}
    orig = p.components

    def grab(work):
        captured["work"] = work

    p._components = list(orig) + [("grab", grab)]
    p.extract(_DATED, published="2020-03-05")
    return captured["work"]


def test_event_dates_from_the_index_equal_the_scan():
    from rasd.recognize.dates import resolve_event_date

    work = _dated_work()
    assert sum(e.type == "DATE" for e in work.entities) >= 4
    n = len(work.text)
    for start in range(0, n, 3):
        for end in (start + 1, start + 25, start + 80, n):
            for anchor in (None, min(end, start + 10)):
                assert resolve_event_date(work, start, end, anchor) == \
                    _plain_resolve_event_date(work, start, end, anchor), (start, end, anchor)


def test_sentence_at_is_the_sentence_holding_the_offset():
    work = _dated_work()
    for off in range(-1, len(work.text) + 2):
        assert work.sentence_at(off) == next((s for s in work.sentences if s.start <= off < s.end), None)


def test_comma_between_is_a_punctuation_test_of_the_gap():
    from rasd.events.modality import _comma_between
    from rasd.text import tokenize

    text = "قال المرصد، إن القوات؛ قصفت: البلدة, ثم انسحبت واشتبكت مع الفصائل ;وانسحبت"
    toks = tokenize(text)
    for a in range(-1, len(toks)):
        for b in range(len(toks)):
            plain = b > a and any(c in text[toks[a].start:toks[b].start] for c in "،,؛;:")
            assert _comma_between(toks, a, b, text) == plain, (a, b)
    assert _comma_between(toks, 0, 3, None) is False


# ------------------------------------------------------------------ language detection
def _plain_detect_language(text):
    """detect_language as first written: exact counts of Arabic characters and letters."""
    from rasd import ingest

    sample = text[:20000]
    ar = len(ingest._AR.findall(sample))
    letters = len(ingest._OTHER_LETTER.findall(sample))
    if letters == 0:
        return None
    if ar / letters >= 0.5:
        foreign = len(ingest._NON_ARABIC_ARABIC_SCRIPT.findall(sample))
        if foreign <= 0.01 * ar:
            return "ar"
    try:
        return ingest._lingua(sample) or "und"
    except Exception:
        return "ar" if ar / letters >= 0.5 else "und"


@pytest.mark.parametrize("text", [
    "", "   \n", "123 456", "،،، ؟؟ ١٢٣ ٤٥٦", "ً ٌ ٍ", "قصفت قوات النظام بلدة كفرنبل أمس.",
    "قصفت ١٢٣ ٤٥٦ ٧٨٩ ٠١٢، ٣٤٥ ٦٧٨ ... !!! ??? --- 12345 67890",  # Arabic digits/punctuation, few letters
    "The regime shelled Kafranbel yesterday, قصفت قوات النظام",
    "قصفت the regime shelled Kafranbel yesterday and killed civilians in the town",
    "این یک متن فارسی است که در آن گزارش شده که نیروهای دولتی روستا را گچ پیچ ژ",
    "قصفت قوات النظام پچ بلدة", "x" * 30 + "ب" * 31, "x" * 31 + "ب" * 30, "ب" * 10 + " " * 11,
    "ـــ" * 10 + "ب", "٠" * 40 + "ab", "Ünïcödé façade naïve",
])
def test_detect_language_equals_the_exact_counts(text):
    from rasd.ingest import detect_language

    for t in (text, text * 3, "\n" + text):
        assert detect_language(t) == _plain_detect_language(t), t


# ------------------------------------------------------------------ people: lazy tokens
def test_lazy_person_tokens_equal_the_tokenizer_in_any_access_order():
    import random

    from rasd.recognize.people import _Tokens, _WORD_RE

    rng = random.Random(7)
    words = ["قال", "العميد", "أبو", "محمد", "الجولاني،", "(قائد)", "12", "و", "هيئة", "تحرير", "الشام."]
    for _ in range(40):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 120)))
        starts = [m.start() for m in _WORD_RE.finditer(text)]
        for start in ([0] if not starts else [starts[0], rng.choice(starts)]):
            ref = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text, start)]
            toks = _Tokens(text, start)
            order = list(range(len(ref) + 3))
            rng.shuffle(order)
            for i in order:
                if i < len(ref):
                    assert toks.has(i) is True
                    t = toks[i]
                    assert (t.text, t.start, t.end) == ref[i]
                else:
                    assert toks.has(i) is False
            assert [(t.text, t.start, t.end) for t in toks.slice(0, len(ref))] == ref
