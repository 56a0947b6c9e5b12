"""PERSON entities: known people from the KB, titled names, kunyas and leader lists.

* KB people ("أبو محمد الجولاني", "حفتر") get ``ref="person:<id>"`` and their KB affiliation.
* A title (lexicon.person_titles: القيادي، الأمير، المتحدث باسم، قائد…) followed by an
  optional affiliation ("في هيئة تحرير الشام", "باسم الحوثيين") and a name of 2–4 words.
* A kunya (أبو/أم + name) followed by a nisba ("أبو عمر الشامي").
* A parenthesised list after a leader phrase ("الذي يقوده … (أبو جليبيب، أبو خديجة، سامي
  العريدي)"): each item is a person; the actor named just before the phrase is their group.

Affiliations the sentence states are recorded as
``work.meta["person_affiliation"][entity_id] = actor_ref``.
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Optional

from ..kb import KnowledgeBase, load
from ..text import norm, tokenize
from .actors import find_mentions

_SPACE_ONLY = re.compile(r"^[ \t]*$")
_AFFIL_PREPS = frozenset(["في", "ب", "لدى", "من", "ل", "داخل"])


@functools.lru_cache(maxsize=16)
def _lex(kb: KnowledgeBase):
    L = kb.lexicon
    key = lambda s: tuple(norm(s).split())  # noqa: E731
    titles = sorted({key(t) for t in L.person_titles}, key=len, reverse=True)
    leaders = sorted({key(t) for t in L.leader_phrases}, key=len, reverse=True)
    return {
        "titles": _index(titles),
        "leaders": _index(leaders),
        "kunya": frozenset(norm(k) for k in L.kunya_heads),
        "stop": frozenset(norm(w) for w in L.name_stopwords),
    }


def _strip_conj(w: str) -> str:
    return w[1:] if len(w) > 2 and w[0] in "وف" else w


def _index(phrases) -> dict:
    """Phrases by first word, longest first (so a match is a dictionary look-up)."""
    out: dict = {}
    for ph in phrases:
        out.setdefault(ph[0], []).append(ph)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


def _match_phrase(toks, i: int, phrases) -> int:
    """Length (in tokens) of the longest phrase starting at token i (first token may carry و/ف)."""
    if isinstance(phrases, dict):
        w0 = toks[i].norm
        phrases = phrases.get(w0, []) + phrases.get(_strip_conj(w0), [])
        phrases.sort(key=len, reverse=True)
    for ph in phrases:
        k = len(ph)
        if i + k > len(toks):
            continue
        words = [t.norm for t in toks[i:i + k]]
        words[0] = words[0] if words[0] == ph[0] else _strip_conj(words[0])
        if tuple(words) == ph and _contiguous(toks, i, i + k):
            return k
    return 0


def _contiguous(toks, i: int, j: int, text: Optional[str] = None) -> bool:
    return True if text is None else all(_SPACE_ONLY.match(text[toks[k].end:toks[k + 1].start]) for k in range(i, j - 1))


def _entity_at(ents, start: int, end: int):
    for e in ents:
        if e.start < end and start < e.end:
            return e
    return None


def _name_tokens(toks, j: int, text: str, lex, ents, limit: int = 4) -> int:
    """How many tokens from j form a name (no punctuation inside, no stopword, no entity)."""
    n = 0
    while j + n < len(toks) and n < limit:
        t = toks[j + n]
        if n and not _SPACE_ONLY.match(text[toks[j + n - 1].end:t.start]):
            break
        if t.norm in lex["stop"] or t.norm.isdigit() or _entity_at(ents, t.start, t.end):
            break
        n += 1
    return n


def recognize_people(work, kb: KnowledgeBase) -> None:
    text = work.text
    lex = _lex(kb)
    aff = work.meta.setdefault("person_affiliation", {})
    people = []
    # 1. known people
    for m in find_mentions(kb, work.nt.norm):
        forms = m.of_kind("person")
        if forms:
            a, b = work.nt.span(m.start, m.end)
            ent = work.add_entity("PERSON", a, b, ref=forms[0].target)
            people.append(ent)
            p = kb.people.get(forms[0].target)
            if p is not None and p.affiliation:
                aff[ent.id] = p.affiliation
    others = [e for e in work.entities if e.type in ("ACTOR", "SOURCE", "LOCATION")]
    toks = tokenize(text, with_analyses=False)

    def add_person(s: int, e: int, affiliation: Optional[str]) -> None:
        if _entity_at(people, s, e):
            return
        ent = work.add_entity("PERSON", s, e, ref=None)
        people.append(ent)
        if affiliation:
            aff[ent.id] = affiliation

    i = 0
    while i < len(toks):
        # 2. title + [prep] [actor] + name
        k = _match_phrase(toks, i, lex["titles"])
        if k:
            j = i + k
            affiliation = None
            if j < len(toks) and toks[j].norm in _AFFIL_PREPS:
                j += 1
            if j < len(toks):
                ent = _entity_at(others, toks[j].start, toks[j].end)
                if ent is not None and ent.type in ("ACTOR", "SOURCE"):
                    affiliation = ent.ref if ent.type == "ACTOR" else None
                    while j < len(toks) and toks[j].start < ent.end:
                        j += 1
                    if j < len(toks) and toks[j].norm.startswith("ال") and toks[j].norm.endswith("ي") \
                            and _SPACE_ONLY.match(text[toks[j - 1].end:toks[j].start]):
                        j += 1  # "الإرهابي", "الموالي": an adjective of the group
            if j < len(toks):
                known = _entity_at(people, toks[j].start, toks[j].end)
                if known is not None:
                    if affiliation and known.id not in aff:
                        aff[known.id] = affiliation
                else:
                    n = _name_tokens(toks, j, text, lex, others)
                    if n >= 2 and not toks[j].norm.startswith("ال"):
                        add_person(toks[j].start, toks[j + n - 1].end, affiliation)
                        i = j + n
                        continue
            i += k
            continue
        # 3. leader phrase + (list)
        k = _match_phrase(toks, i, lex["leaders"])
        if k:
            sent = work.sentence_at(toks[i].start)
            hi = sent.end if sent else len(text)
            lo = sent.start if sent else 0
            group = [e for e in others if e.type == "ACTOR" and lo <= e.start and e.end <= toks[i].start and e.ref]
            affiliation = group[-1].ref if group else None
            after = toks[i + k].start if i + k < len(toks) else hi
            op = text.find("(", after, min(hi, after + 120))
            if op >= 0:
                cl = text.find(")", op, hi)
                cl = cl if cl >= 0 else hi
                for mt in re.finditer(r"[^،,؛;…()]+", text[op + 1:cl]):
                    item = mt.group(0)
                    item_s = op + 1 + mt.start() + (len(item) - len(item.lstrip()))
                    item_e = op + 1 + mt.end() - (len(item) - len(item.rstrip()))
                    words = text[item_s:item_e].split()
                    if words and words[0] == "و" :
                        continue
                    if 1 <= len(words) <= 4 and not _entity_at(others, item_s, item_e):
                        if words[0].startswith("و") and len(words) > 1 and norm(words[0][1:]) in lex["kunya"]:
                            item_s += 1
                        add_person(item_s, item_e, affiliation)
            i += k
            continue
        # 4. kunya + name + nisba
        if toks[i].norm in lex["kunya"] or (_strip_conj(toks[i].norm) in lex["kunya"] and toks[i].norm[0] in "وف"):
            if i + 2 < len(toks) and _SPACE_ONLY.match(text[toks[i].end:toks[i + 1].start]) \
                    and _SPACE_ONLY.match(text[toks[i + 1].end:toks[i + 2].start]):
                given, nisba = toks[i + 1].norm, toks[i + 2].norm
                if not given.startswith("ال") and given not in lex["stop"] and nisba.startswith("ال") and nisba.endswith("ي") \
                        and not _entity_at(others, toks[i].start, toks[i + 2].end):
                    s = toks[i].start + (1 if toks[i].norm not in lex["kunya"] else 0)
                    add_person(s, toks[i + 2].end, None)
                    i += 3
                    continue
        i += 1


def make_component(config) -> Callable:
    kb = load(config.kb_dirs)

    def people(work) -> None:
        recognize_people(work, kb)

    return people


__all__ = ["recognize_people", "make_component"]
