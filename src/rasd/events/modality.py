"""Modality of a trigger (asserted, claimed, negated, hypothetical, future) and
background history, from cue lists in ``rasd/data/modality.yaml``.

The cues are looked for in the words of the sentence around the trigger:
particles right before it, governing verbs anywhere before it (but not across a
reporting "أن/إن", which opens a clause of its own), and time words after it.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import yaml

from ..text import norm

MODALITY_FILE = Path(__file__).resolve().parent.parent / "data" / "modality.yaml"
ORDER = ("negated", "claimed", "hypothetical", "future", "background")


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(norm(x).split()) for x in items or ())


@dataclass(frozen=True)
class ModalityCues:
    particle_window: int
    governor_window: int
    after_window: int
    particles: dict  # modality -> phrases
    governors: dict
    after: dict
    future_prefix: str
    clause_breaks: frozenset
    complementisers: frozenset
    imperfect_only: frozenset
    since: frozenset = frozenset()
    since_current: frozenset = frozenset()
    pluperfect_aux: frozenset = frozenset()
    not_negating_after: frozenset = frozenset()
    future_governors: frozenset = frozenset()
    transparent: frozenset = frozenset()
    earlier_clause: frozenset = frozenset()
    complement_hypothetical: frozenset = frozenset()
    comma_scoped_background: tuple = ()
    implementing: frozenset = frozenset()
    masdar_or_imperfect_only: frozenset = frozenset()


@lru_cache(maxsize=4)
def load_modality(path: Path = MODALITY_FILE) -> ModalityCues:
    d = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ModalityCues(
        particle_window=int(d.get("particle_window", 2)),
        governor_window=int(d.get("governor_window", 12)),
        after_window=int(d.get("after_window", 8)),
        particles={m: _phrases(d[m].get("particles")) for m in ORDER},
        governors={m: _phrases(d[m].get("governors")) for m in ORDER},
        after={m: _phrases(d[m].get("after")) for m in ORDER},
        future_prefix=norm(d["future"].get("prefix", "س")),
        clause_breaks=frozenset(norm(x) for x in d.get("clause_breaks", [])),
        complementisers=frozenset(norm(x) for x in d.get("complementisers", [])),
        imperfect_only=frozenset(norm(x) for x in d.get("imperfect_only", [])),
        since=frozenset(norm(x) for x in d.get("since", [])),
        since_current=frozenset(norm(x) for x in d.get("since_current", [])),
        pluperfect_aux=frozenset(norm(x) for x in d.get("pluperfect_aux", [])),
        not_negating_after=frozenset(norm(x) for x in d.get("not_negating_after", [])),
        future_governors=frozenset(norm(x) for x in d.get("future_governors", [])),
        transparent=frozenset(norm(x) for x in d.get("transparent", [])),
        earlier_clause=frozenset(norm(x) for x in d.get("earlier_clause", [])),
        complement_hypothetical=frozenset(norm(x) for x in d.get("complement_hypothetical", [])),
        comma_scoped_background=_phrases(d["background"].get("comma_scoped")),
        implementing=frozenset(norm(x) for x in d.get("implementing", [])),
        masdar_or_imperfect_only=frozenset(norm(x) for x in d.get("masdar_or_imperfect_only", [])),
    )


def _word_forms(tok) -> set[str]:
    """A token's surface and clitic-stripped forms."""
    out = {tok.norm}
    out.update(a.stem for a in tok.analyses if not a.suffix)
    return out


@lru_cache(maxsize=64)
def _by_first(phrases: tuple) -> dict:
    out: dict = {}
    for ph in phrases:
        out.setdefault(ph[0], []).append(ph)
    return out


@lru_cache(maxsize=64)
def _firsts(phrases: tuple) -> frozenset:
    return frozenset(ph[0] for ph in phrases)


_PHRASE_INDEX: dict[int, tuple] = {}  # id(phrases) -> (phrases, _firsts, _by_first)


def _phrase_index(phrases: tuple) -> tuple:
    """(phrases, their first words, phrases by first word), looked up by identity: the
    cue tuples live as long as their cues, and hashing a long tuple of tuples on every
    call cost more than the search. The entry holds ``phrases``, so its id is not reused
    while the entry stands."""
    got = _PHRASE_INDEX.get(id(phrases))
    if got is None or got[0] is not phrases:
        if len(_PHRASE_INDEX) > 512:
            _PHRASE_INDEX.clear()
        got = _PHRASE_INDEX[id(phrases)] = (phrases, _firsts(phrases), _by_first(phrases))
    return got


_CUE_FIRSTS: dict[int, tuple] = {}  # id(cues) -> (cues, particle, governor, after first words)


def _cue_firsts(cues: ModalityCues) -> tuple[frozenset, frozenset, frozenset]:
    """The first words of every particle, governor and after-phrase of ``cues``, by kind."""
    got = _CUE_FIRSTS.get(id(cues))
    if got is None or got[0] is not cues:
        if len(_CUE_FIRSTS) > 16:
            _CUE_FIRSTS.clear()
        got = _CUE_FIRSTS[id(cues)] = (cues, *(
            frozenset().union(*(_phrase_index(ph)[1] for ph in getattr(cues, kind).values()))
            for kind in ("particles", "governors", "after")))
    return got[1:]


def _find(phrases, forms: Sequence, words: Optional[frozenset] = None) -> bool:
    """Does any phrase occur in ``forms`` (each a token's set of forms)? ``words``, the
    union of ``forms``, lets most calls answer no at once."""
    _, firsts, index = _phrase_index(phrases)
    if words is not None and firsts.isdisjoint(words):
        return False
    n_forms = len(forms)
    for i, f in enumerate(forms):
        for w in f:
            for ph in index.get(w, ()):
                n = len(ph)
                if i + n <= n_forms and all(ph[k] in forms[i + k] for k in range(1, n)):
                    return True
    return False


def token_forms(tokens: Sequence) -> list[frozenset]:
    """Each token's surface and clitic-stripped forms (computed once per document)."""
    return [_forms_of(t.norm) for t in tokens]


@lru_cache(maxsize=200_000)
def _forms_of(word: str) -> frozenset:
    from ..text import analyses

    return frozenset([word] + [a.stem for a in analyses(word) if not a.suffix])


def _next_is_perfect(tokens, k: int) -> bool:
    """Is the word after ``tokens[k]`` a perfect verb (so "قد" means "has/had")?

    A perfect ends in the 3rd-person suffixes (استهدفت، تمكنوا) or does not start
    with an imperfect prefix (ي ت ن); "تقصف", "يشن" are imperfect."""
    if k + 1 >= len(tokens):
        return True
    w = tokens[k + 1].norm
    return w.endswith(("ت", "وا")) or not w.startswith(("ي", "ت", "ن"))


def _next_is_perfect_verb(tokens, k: int) -> bool:
    """Is the word after ``tokens[k]`` a perfect verb rather than a masdar or an imperfect?
    A masdar is definite, ends in ة or ات, or has a long vowel before its last letter
    (تحرير، انسحاب، سقوط); an imperfect starts with ي ت ن without a perfect suffix."""
    if k + 1 >= len(tokens):
        return False
    w = tokens[k + 1].norm
    if w.startswith(("ال", "وال")) or w.endswith(("ه", "ات")) or (len(w) > 3 and w[-2] in "اوي"):
        return False
    return _next_is_perfect(tokens, k)


def nominal_governor_future(word: str, cues: ModalityCues) -> bool:
    """Is ``word`` a future verb (سيشن، ستبدأ) governing the noun after it?"""
    return word in cues.future_governors or (word[:1] == "و" and word[1:] in cues.future_governors)


def clause_start(tokens, i: int, lo: int, cues: ModalityCues, text: Optional[str]) -> int:
    """First token of the clause holding token i: after the last clause-break word, or
    after a comma that opens a coordinated clause ("، وقالت …"), not before ``lo``."""
    for k in range(i - 1, lo, -1):
        if tokens[k].norm in cues.clause_breaks:
            return k + 1
        if text is not None and tokens[k].norm[:1] in "وف":
            gap = text[tokens[k - 1].end:tokens[k].start]
            if any(c in gap for c in "،,؛;:"):
                return k
    return lo


def _comma_between(tokens, a: int, b: int, text: Optional[str]) -> bool:
    if text is None or b <= a:
        return False
    return _COMMA.search(text, tokens[a].start, tokens[b].start) is not None


_COMMA = re.compile("[،,؛;:]")  # one C-level scan instead of a slice and five substring tests


def classify(tokens: Sequence, i: int, j: int, sent_start_tok: int, sent_end_tok: int,
             trigger_prefix: str, trigger_future: bool, cues: ModalityCues,
             forms: Optional[Sequence] = None, text: Optional[str] = None) -> str:
    """Modality of the trigger ``tokens[i:j]`` in the sentence ``tokens[s:e]``.

    Returns one of asserted, claimed, negated, hypothetical, future, background.
    """
    # the reported clause: after the last complementiser before the trigger
    start = sent_start_tok
    for k in range(i - 1, sent_start_tok - 1, -1):
        if tokens[k].norm in cues.complementisers:
            start = k + 1
            break
    if forms is None:
        forms = token_forms(tokens)
    # negation and claims govern reported clauses ("نفى الجيش أن يكون قصف"), but not a new
    # coordinated clause ("نفى الجيش الاتهامات، وقالت مصادر إن غارات …")
    gov_from = clause_start(tokens, i, max(sent_start_tok, i - cues.governor_window) - 1, cues, text) \
        if text is not None else max(sent_start_tok, i - cues.governor_window)
    gov_from = max(gov_from, sent_start_tok, i - cues.governor_window)
    governors_zone = forms[gov_from:i]
    # the other modalities stay inside the trigger's own clause
    cl_from = max(clause_start(tokens, i, start - 1, cues, text), start, i - cues.governor_window)
    clause_zone = forms[cl_from:i]
    # "قد" + perfect is emphasis, not possibility; "لا تزال" is "still"
    # nouns of onset ("من انطلاق الهجوم") stand between a particle and the trigger
    p_end = i
    while p_end - 1 > cl_from and forms[p_end - 1] & cues.transparent:
        p_end -= 1
    part_zone = [forms[k] for k in range(max(cl_from, p_end - cues.particle_window), i)
                 if not (tokens[k].norm in cues.imperfect_only and _next_is_perfect(tokens, k))
                 and not (tokens[k].norm in cues.masdar_or_imperfect_only and _next_is_perfect_verb(tokens, k))
                 and not (k + 1 < len(tokens) and tokens[k + 1].norm in cues.not_negating_after)]
    # after: until a clause break
    after = []
    for k in range(j, min(sent_end_tok, j + cues.after_window)):
        if tokens[k].norm in cues.clause_breaks or _comma_between(tokens, k - 1, k, text):
            break
        after.append(forms[k])
    found = {}
    part_w = frozenset().union(*part_zone)
    gov_w = frozenset().union(*governors_zone)
    clause_w = frozenset().union(*clause_zone)
    after_w = frozenset().union(*after)
    # a zone none of whose words starts a phrase of its kind finds nothing (_find says no)
    part_f, gov_f, after_f = _cue_firsts(cues)
    in_part, in_after = not part_w.isdisjoint(part_f), not after_w.isdisjoint(after_f)
    in_gov, in_clause = not gov_w.isdisjoint(gov_f), not clause_w.isdisjoint(gov_f)
    for m in ORDER if (in_part or in_after or in_gov or in_clause) else ():
        if in_part and _find(cues.particles[m], part_zone, part_w):
            found[m] = True
        elif in_gov and m in ("claimed", "negated") and _find(cues.governors[m], governors_zone, gov_w):
            found[m] = True
        elif in_clause and m not in ("claimed", "negated") and _find(cues.governors[m], clause_zone, clause_w):
            found[m] = True
        elif in_after and _find(cues.after[m], after, after_w):
            found[m] = True
    if cues.comma_scoped_background and _find(cues.comma_scoped_background, clause_zone, clause_w):
        # the phrase governs up to the next comma
        for k in range(cl_from, i):
            for ph in cues.comma_scoped_background:
                n = len(ph)
                if k + n <= i and all(ph[m] in forms[k + m] for m in range(n)) \
                        and not _comma_between(tokens, k + n - 1, i, text):
                    found["background"] = True
    if start > sent_start_tok and any(forms[k] & cues.complement_hypothetical
                                      for k in range(max(sent_start_tok, start - 5), start - 1)):
        found["hypothetical"] = True  # "يخشى مراقبون أن تمتد الهجمات إلى الفاشر"
    if trigger_future or (trigger_prefix.endswith(cues.future_prefix) and trigger_prefix not in ("", "و", "ف")):
        found["future"] = True
    # a clause "بعد أن …" after a pluperfect ("وكانت القوات قد أطلقت هجومها، بعد أن سيطرت")
    # tells of something earlier still: the pluperfect is looked for from the clause before
    plu_from = cl_from
    if (cl_from >= 2 and tokens[cl_from - 1].norm in cues.complementisers
            and tokens[cl_from - 2].norm in cues.earlier_clause):
        plu_from = max(sent_start_tok, clause_start(tokens, cl_from - 2, sent_start_tok - 1, cues, text))
    elif i - 1 >= sent_start_tok and tokens[i - 1].norm in cues.earlier_clause:
        # "وكان الوزير قد دعا إلى …، عقب هجوم قتل فيه …": the event before a pluperfect's
        # clause is earlier still
        plu_from = max(sent_start_tok, clause_start(tokens, i - 1, sent_start_tok - 1, cues, text))
    for k in range(plu_from, cl_from):
        if tokens[k].norm in cues.pluperfect_aux and any(
                tokens[m].norm in cues.imperfect_only and _next_is_perfect(tokens, m) for m in range(k + 1, cl_from)):
            found["background"] = True
    clause = range(cl_from, i)
    for k in clause:
        w = tokens[k].norm
        if w in cues.since and not (k + 1 < len(tokens) and tokens[k + 1].norm in cues.since_current):
            found["background"] = True  # "يشن منذ الرابع من يوليو هجوما"
        if w in cues.pluperfect_aux and any(tokens[m].norm in cues.imperfect_only and _next_is_perfect(tokens, m)
                                            for m in range(k + 1, i)):
            found["background"] = True  # "كانت القوات قد شنت"
    if i > 0 and i - 1 >= start and nominal_governor_future(tokens[i - 1].norm, cues):
        found["future"] = True  # "ستشن هجوما"
    if i - 1 >= cl_from and forms[i - 1] & cues.implementing:
        found["background"] = True  # "تنفيذا لاتفاق": the agreement was made before
    if "background" in found:
        return "background"
    for m in ("negated", "hypothetical", "future", "claimed"):
        if m in found:
            return m
    return "asserted"
