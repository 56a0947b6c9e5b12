"""Scoring document records against gold answer keys (``shared/spec/gold-format.md``).

``score(gold_lines, records) -> Report`` implements the rules exactly:

* records join gold lines on ``doc_id == doc``; a gold doc with no record scores as
  empty; records with no gold line are ignored;
* an extracted event (modality asserted/claimed) matches a gold event when the
  ``event_type`` is equal, the place matches (:func:`place_match`) and the dates are
  within one day (or either is null);
* recall = core gold events matched one-to-one (greedy, core first) / core gold
  events; precision = extracted events matching any gold event / extracted events;
* an extracted event whose evidence overlaps a ``not_events`` snippet is a wrongly
  asserted not-event;
* on the one-to-one pairs: sub-event-type, actor1 and exact-date accuracy;
* relations: found when type, source and target match (either order for the
  symmetric types).

``format_report(report)`` is the text ``rasd eval`` prints; its last line is
``event F1 0.xxx (P 0.xxx R 0.xxx)``.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Optional

from .geo.distance import haversine_km  # noqa: F401  (re-exported)
from .text import norm as _norm

EXPORTED = ("asserted", "claimed")
SYMMETRIC_RELATIONS = ("allied_with", "ideologically_close")
PLACE_TYPE_WORDS = ("بلدة", "قرية", "مدينة", "بلدتي", "قريتي", "مدينتي", "منطقة", "حي", "مخيم")
PROCLITICS = ("وال", "بال", "لل", "ال", "و", "ب", "ل")  # longest first
REGION_WORDS = ("ريف", "محافظة", "جنوب", "شمال", "شرق", "غرب", "بادية")
MAX_KM = 10.0

# Governorate-name variants (gold-format.md lists the Syrian ones); keys and values are
# canonical forms as produced by _gov_key before lookup.
_GOV_VARIANTS = {
    "idleb": "idlib",
    "rifdimashq": "rifdimashq", "ruraldamascus": "rifdimashq", "damascuscountryside": "rifdimashq",
    "reefdimashq": "rifdimashq", "rifdamascus": "rifdimashq",
    "dimashq": "damascus",
    "raqqah": "raqqa", "rakka": "raqqa",
    "hasakah": "hasakeh", "hasaka": "hasakeh", "hassakeh": "hasakeh",
    "suwayda": "sweida", "suwaida": "sweida", "sweida": "sweida", "suweida": "sweida",
    "deirezzor": "deirezzor", "deiralzor": "deirezzor", "deirezzour": "deirezzor", "dayrazzawr": "deirezzor",
    "deirazzor": "deirezzor", "deirelzor": "deirezzor",
    "lattakia": "latakia", "ladhiqiyah": "latakia",
    "dara": "daraa", "deraa": "daraa", "dar'a": "daraa",
    "hamah": "hama", "hims": "homs", "halab": "aleppo", "tartous": "tartus", "qunaytirah": "quneitra",
}


# --------------------------------------------------------------------------- place matching
def _strip_proclitic(word: str) -> str:
    for p in PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p):]
    return word


_PLACE_TYPES = frozenset(_norm(w) for w in PLACE_TYPE_WORDS)
_REGION = frozenset(_norm(w) for w in REGION_WORDS)
_PUNCT = re.compile(r"[\W_]+")


def place_words(name: Optional[str]) -> list[str]:
    """Normalised words of an Arabic place name, place-type words dropped."""
    if not name:
        return []
    words = _PUNCT.sub(" ", _norm(name)).split()
    return [w for w in words if w not in _PLACE_TYPES and _strip_proclitic(w) not in _PLACE_TYPES]


def _contains_either(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def names_match(a: Optional[str], b: Optional[str]) -> bool:
    """Normalised Arabic names equal or one containing the other, also after removing a
    leading article/proclitic from each word."""
    wa, wb = place_words(a), place_words(b)
    if not wa or not wb:
        return False
    if _contains_either(" ".join(wa), " ".join(wb)):
        return True
    sa = " ".join(_strip_proclitic(w) for w in wa)
    sb = " ".join(_strip_proclitic(w) for w in wb)
    return _contains_either(sa, sb)


def is_region(name_ar: Optional[str]) -> bool:
    """A gold place is a region when a word of its Arabic name is ريف، محافظة، جنوب، شمال،
    شرق، غرب or بادية (after the article/proclitic; the adverbial forms شرقي، جنوبي… too).

    Matching whole words, not substrings, keeps "نوحية شرقية" (a village) from counting
    as a region."""
    if not name_ar:
        return False
    for w in _PUNCT.sub(" ", _norm(name_ar)).split():
        for form in (w, _strip_proclitic(w)):
            if form in _REGION or (form.endswith("ي") and form[:-1] in _REGION):
                return True
    return False


def governorate_key(name: Optional[str]) -> Optional[str]:
    """Canonical governorate name: case, 'governorate', hyphens/spaces/apostrophes and a
    leading al-/ar-/as- ignored, the usual variants unified."""
    if not name:
        return None
    s = name.strip().lower()
    s = re.sub(r"\bgovernorate\b|\bprovince\b|\bmuhafazat\b", " ", s).strip()
    s = re.sub(r"^(?:al|ar|as)[-\s]+", "", s)
    s = re.sub(r"[\s\-'’‘`_.]+", "", s)
    if not s:
        return None
    return _GOV_VARIANTS.get(s, s)




def _coords(loc: dict) -> Optional[tuple[float, float]]:
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def place_match(extracted: Optional[dict], gold: Optional[dict]) -> bool:
    """The place rule of gold-format.md (names, 10 km, region + admin1)."""
    if not extracted or not gold:
        return False
    if names_match(extracted.get("name_ar"), gold.get("name_ar")):
        return True
    ce, cg = _coords(extracted), _coords(gold)
    if ce and cg and haversine_km(*ce, *cg) <= MAX_KM:
        return True
    if is_region(gold.get("name_ar")):
        ge, gg = governorate_key(extracted.get("admin1")), governorate_key(gold.get("admin1"))
        if ge and gg and ge == gg:
            return True
    return False


# --------------------------------------------------------------------------- events
def _date(value: Any) -> Optional[_dt.date]:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def dates_match(a: Any, b: Any) -> bool:
    da, db = _date(a), _date(b)
    return da is None or db is None or abs((da - db).days) <= 1


def event_match(ext: dict, gold: dict) -> bool:
    return (ext.get("event_type") == gold.get("event_type")
            and place_match(ext.get("location"), gold.get("location"))
            and dates_match(ext.get("event_date"), gold.get("event_date")))


def _name_ok(extracted: Optional[str], gold: Optional[str]) -> bool:
    if not extracted or not gold:
        return False
    a, b = extracted.strip().lower(), gold.strip().lower()
    return bool(a) and bool(b) and (a in b or b in a)


def actor1_ok(ext_actor: Optional[dict], gold_names: Any) -> bool:
    """An extracted actor1 is right when its English name contains or is contained in a
    gold name (case-insensitive); a gold null accepts null or an "Unidentified …" actor."""
    if gold_names is None or isinstance(gold_names, str):
        gold_names = [gold_names]
    name = (ext_actor or {}).get("name") if ext_actor else None
    for g in gold_names:
        if g is None:
            if name is None or name.strip().lower().startswith("unidentified"):
                return True
        elif _name_ok(name, g):
            return True
    return False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def snippet_spans(text: str, snippet: str) -> list[tuple[int, int]]:
    """Every occurrence of ``snippet`` in ``text`` (exact, else after normalisation)."""
    if not snippet or not text:
        return []
    out = [(m.start(), m.start() + len(snippet)) for m in re.finditer(re.escape(snippet), text)]
    if out:
        return out
    from .text import normalize

    nt = normalize(text)
    ns = " ".join(_norm(snippet).split())
    if not ns:
        return []
    squeezed = re.sub(r"\s+", " ", nt.norm)
    if squeezed != nt.norm:  # keep offsets simple: search with flexible whitespace
        pat = re.compile(r"\s+".join(re.escape(w) for w in ns.split(" ")))
    else:
        pat = re.compile(re.escape(ns))
    return [nt.span(m.start(), m.end()) for m in pat.finditer(nt.norm)]


# --------------------------------------------------------------------------- report
@dataclass
class DocScore:
    doc: str
    has_record: bool
    gold_events: int
    gold_core: int
    extracted: int
    precise: int  # extracted events matching some gold event
    core_matched: int  # core gold events matched one-to-one
    not_event_hits: int
    not_events: int
    pairs: int = 0
    sub_event_right: int = 0
    actor1_right: int = 0
    date_right: int = 0
    gold_relations: int = 0
    relations_found: int = 0
    extracted_relations: int = 0
    relations_precise: int = 0

    @property
    def precision(self) -> float:
        return self.precise / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.core_matched / self.gold_core if self.gold_core else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


@dataclass
class Report:
    docs: list[DocScore] = field(default_factory=list)
    unmatched_records: int = 0  # records with no gold line (ignored)

    def total(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.docs)

    @property
    def precision(self) -> float:
        return _ratio(self.total("precise"), self.total("extracted"))

    @property
    def recall(self) -> float:
        return _ratio(self.total("core_matched"), self.total("gold_core"))

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def sub_event_accuracy(self) -> float:
        return _ratio(self.total("sub_event_right"), self.total("pairs"))

    @property
    def actor1_accuracy(self) -> float:
        return _ratio(self.total("actor1_right"), self.total("pairs"))

    @property
    def date_accuracy(self) -> float:
        return _ratio(self.total("date_right"), self.total("pairs"))

    @property
    def relation_recall(self) -> float:
        return _ratio(self.total("relations_found"), self.total("gold_relations"))

    @property
    def relation_precision(self) -> float:
        return _ratio(self.total("relations_precise"), self.total("extracted_relations"))

    def to_dict(self) -> dict:
        keys = ("precision", "recall", "f1", "sub_event_accuracy", "actor1_accuracy", "date_accuracy",
                "relation_recall", "relation_precision")
        out = {k: round(getattr(self, k), 4) for k in keys}
        out["totals"] = {k: self.total(k) for k in ("gold_events", "gold_core", "extracted", "precise",
                                                    "core_matched", "not_event_hits", "not_events", "pairs",
                                                    "sub_event_right", "actor1_right", "date_right",
                                                    "gold_relations", "relations_found",
                                                    "extracted_relations", "relations_precise")}
        out["unmatched_records"] = self.unmatched_records
        out["docs"] = [dict(asdict(d), precision=round(d.precision, 4), recall=round(d.recall, 4),
                            f1=round(d.f1, 4)) for d in self.docs]
        return out


# --------------------------------------------------------------------------- scoring
def _rel_end_ok(ext_end: Any, gold_name: Any) -> bool:
    name = ext_end.get("name") if isinstance(ext_end, dict) else ext_end
    if isinstance(gold_name, dict):
        gold_name = gold_name.get("name")
    return _name_ok(name, gold_name)


def relation_match(ext: dict, gold: dict) -> bool:
    if ext.get("type") != gold.get("type"):
        return False
    s, t = ext.get("source"), ext.get("target")
    if _rel_end_ok(s, gold.get("source")) and _rel_end_ok(t, gold.get("target")):
        return True
    return gold.get("type") in SYMMETRIC_RELATIONS and _rel_end_ok(s, gold.get("target")) and _rel_end_ok(t, gold.get("source"))


def score_doc(gold: dict, record: Optional[dict]) -> DocScore:
    """Score one gold line against its record (None = nothing extracted)."""
    gold_events = [e for e in gold.get("events") or [] if isinstance(e, dict)]
    ordered = sorted(range(len(gold_events)), key=lambda i: not gold_events[i].get("core", True))
    core = [e for e in gold_events if e.get("core", True)]
    rec = record or {}
    extracted = [e for e in rec.get("events") or [] if isinstance(e, dict) and e.get("modality", "asserted") in EXPORTED]
    # precision: any gold event (core or not)
    precise = sum(1 for e in extracted if any(event_match(e, g) for g in gold_events))
    # recall: one-to-one, greedy, core first
    used: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    core_matched = 0
    for gi in ordered:
        g = gold_events[gi]
        for ei, e in enumerate(extracted):
            if ei not in used and event_match(e, g):
                used.add(ei)
                pairs.append((e, g))
                if g.get("core", True):
                    core_matched += 1
                break
    # not-events
    text = rec.get("text") or ""
    nots = [s for s in gold.get("not_events") or [] if isinstance(s, str) and s]
    not_spans = [sp for s in nots for sp in snippet_spans(text, s)]
    hits = 0
    for e in extracted:
        ev = e.get("evidence") or {}
        if isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
            if any(_overlaps((ev["start"], ev["end"]), sp) for sp in not_spans):
                hits += 1
    # relations
    gold_rels = [r for r in gold.get("relations") or [] if isinstance(r, dict)]
    ext_rels = [r for r in rec.get("relations") or [] if isinstance(r, dict)]
    found = sum(1 for g in gold_rels if any(relation_match(r, g) for r in ext_rels))
    rel_precise = sum(1 for r in ext_rels if any(relation_match(r, g) for g in gold_rels))
    return DocScore(
        doc=str(gold.get("doc")), has_record=record is not None,
        gold_events=len(gold_events), gold_core=len(core), extracted=len(extracted),
        precise=precise, core_matched=core_matched, not_event_hits=hits, not_events=len(nots),
        pairs=len(pairs),
        sub_event_right=sum(1 for e, g in pairs if e.get("sub_event_type") == g.get("sub_event_type")),
        actor1_right=sum(1 for e, g in pairs if actor1_ok(e.get("actor1"), g.get("actor1"))),
        date_right=sum(1 for e, g in pairs if (e.get("event_date") or None) == (g.get("event_date") or None)),
        gold_relations=len(gold_rels), relations_found=found,
        extracted_relations=len(ext_rels), relations_precise=rel_precise,
    )


def _as_dict(item: Any) -> Optional[dict]:
    if isinstance(item, dict):
        return item
    if isinstance(item, (str, bytes)):
        s = item.strip()
        return json.loads(s) if s else None
    if hasattr(item, "to_dict"):
        return item.to_dict()
    raise TypeError(f"cannot score a {type(item).__name__}")


_KEEP = ("doc_id", "text", "events", "relations")


def score(gold_lines: Iterable[Any], records: Iterable[Any]) -> Report:
    """Score records (dicts, JSON strings or Documents) against gold lines (dicts or JSON
    strings). Only the fields scoring needs are kept from each record."""
    golds = [g for g in (_as_dict(x) for x in gold_lines) if g]
    wanted = {str(g.get("doc")) for g in golds}
    by_id: dict[str, dict] = {}
    unmatched = 0
    for r in records:
        d = _as_dict(r)
        if not d:
            continue
        did = str(d.get("doc_id"))
        if did not in wanted:
            unmatched += 1
            continue
        by_id.setdefault(did, {k: d.get(k) for k in _KEEP})
    report = Report(unmatched_records=unmatched)
    for g in golds:
        report.docs.append(score_doc(g, by_id.get(str(g.get("doc")))))
    return report


def format_report(report: Report) -> str:
    """The table ``rasd eval`` prints; the last line is the event F1 line."""
    rows = []
    w = max([len("doc")] + [len(d.doc) for d in report.docs])
    head = f"{'doc':<{w}}  {'gold':>4} {'core':>4} {'ext':>4} {'ok':>4} {'found':>5}  {'P':>5} {'R':>5} {'F1':>5}  {'not-ev':>6}"
    rows.append(head)
    rows.append("-" * len(head))
    for d in report.docs:
        mark = "" if d.has_record else "  (no record)"
        rows.append(f"{d.doc:<{w}}  {d.gold_events:>4} {d.gold_core:>4} {d.extracted:>4} {d.precise:>4} "
                    f"{d.core_matched:>5}  {d.precision:>5.3f} {d.recall:>5.3f} {d.f1:>5.3f}  "
                    f"{d.not_event_hits:>6}{mark}")
    rows.append("-" * len(head))
    t = report.total
    rows.append(f"documents {len(report.docs)}; records without a gold line ignored: {report.unmatched_records}")
    rows.append(f"matched pairs {t('pairs')}: sub-event accuracy {report.sub_event_accuracy:.3f}, "
                f"actor1 accuracy {report.actor1_accuracy:.3f}, exact-date accuracy {report.date_accuracy:.3f}")
    rows.append(f"relations found {t('relations_found')}/{t('gold_relations')} (recall {report.relation_recall:.3f}; "
                f"precision {report.relation_precision:.3f} of {t('extracted_relations')} extracted)")
    rows.append(f"not_events wrongly asserted {t('not_event_hits')} (gold not-event snippets: {t('not_events')})")
    rows.append(f"event F1 {report.f1:.3f} (P {report.precision:.3f} R {report.recall:.3f})")
    return "\n".join(rows)


__all__ = ["score", "score_doc", "format_report", "Report", "DocScore", "place_match", "names_match",
           "is_region", "governorate_key", "event_match", "dates_match", "actor1_ok", "relation_match",
           "haversine_km", "snippet_spans"]
