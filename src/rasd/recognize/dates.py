"""Time expressions: DATE entities resolved against the publication date.

The recogniser works on the normalised text (``work.nt.norm``) in two steps:

1. **pieces**: small regular expressions built from the word tables in
   ``rasd/data/time/*.yaml`` find the atoms of a time expression: a relative day
   word (أمس، اليوم، الليلة الماضية), a weekday (الأربعاء، الخميس الماضي), an
   explicit date in any month system or the Hijri calendar ("15 كانون الثاني
   2020", "15 جمادى الأولى 1441 هـ"), a numeric date (15/1/2020), a relative
   week/month/year, "قبل 3 أيام", a year after a cue word ("منذ عام 2012"), vague
   future phrases, and parts of the day (صباح، بعد ظهر، منتصف ليلة، مساءً).
2. **groups**: atoms that touch (only spaces, commas, brackets, "يوم", "من",
   "الموافق" between them) form one expression: "بعد ظهر أمس الأربعاء",
   "منتصف ليلة اليوم الخميس", "الأربعاء 15 كانون الثاني". Each group becomes
   one DATE entity whose date is worked out by :func:`interpret`.

Resolution rules (documented in ``docs/time-and-numbers.md``): an explicit date
beats a weekday, a weekday beats a relative day word, and a contradiction
between them is a ``weekday_mismatch`` warning. With no publication date,
relative expressions keep ``date=None`` and the tag ``unresolved``.

:func:`resolve_event_date` is the helper the event stage calls for a clause.
"""
from __future__ import annotations

import datetime as _dt
import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import yaml

from ..text import norm

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "time"
_PRE = r"(?<!\w)(?:[وف]?[بل]?)"  # keep in step with the prefilter in load_tables; optional proclitics before the first word (not in the span)
_GAP = re.compile(r"^[\s,،\-–(:)]*(?:(?:يوم|من|في|الموافق|الواقع\s+في)[\s,،(]*)?$")
_DAY_FAMILY = frozenset({"rel", "wd", "exp", "dom"})
# between the two weekdays of a night ("ليل الثلاثاء - الأربعاء", "ليلة الأربعاء على الخميس")
_NIGHT_GAP = re.compile(r"^\s*(?:[-–/]|علي|الي)?\s*$")  # normalised: على → علي
# between two consecutive days of one span ("الأحد والاثنين", "الأحد - الاثنين"): a joiner is needed
_SPAN_GAP = re.compile(r"^\s*(?:[-–/]|و|الي|حتي)\s*$")


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TimeTables:
    """The word tables, normalised, plus the compiled piece patterns."""

    month_names: dict[str, tuple[str, int]]  # norm name -> (system, month number)
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    wd_mods: dict[str, str]  # norm word -> "past"/"future"
    pod_before: dict[str, str]
    pod_after: dict[str, str]
    rel_days: dict[str, dict]
    weeks: dict[str, dict]
    months_rel: dict[str, dict]
    years_rel: dict[str, dict]
    future: frozenset[str]
    period_parts: dict[str, str]
    lead_tags: dict[str, str]
    ago: dict
    background_days: int
    deadline_days: int = 90
    anaphoric: dict = field(default_factory=dict)  # norm phrase -> row ("اليوم ذاته")
    before_ref: dict = field(default_factory=dict)  # norm phrase -> row ("بعد يوم من")
    ordinals: dict = field(default_factory=dict)  # norm ordinal day word -> day ("الرابع" -> 4)
    dom_mods: dict = field(default_factory=dict)  # "الجاري" -> 0, "الماضي" -> -1 (day of a relative month)
    dom_month_words: tuple = ()
    patterns: tuple[tuple[str, re.Pattern], ...] = field(default=())
    # speed: every piece except "num" starts at a word whose proclitic-stripped form
    # begins with one of its pattern's first words (or a digit); ``prefilter`` finds
    # those word starts in one scan, and the pieces are matched only there
    prefilter: Optional[re.Pattern] = None
    # the same test as ``prefilter`` made at the non-word character before a word start
    # (``\W(?=...)``): a pattern that begins with a character class lets the regex engine
    # skip in C to the next non-word character instead of trying every position
    gap_prefilter: Optional[re.Pattern] = None
    # speed: which patterns may match at a start, from the \w run there. ``heads`` is
    # ({first \w run of a phrase a pattern may begin with: kinds}, (first runs of month
    # names,), kinds that may begin with a month name, kinds that may begin with a digit,
    # kinds tried at every start); ``heads_memo`` remembers the kinds per run
    heads: Optional[tuple] = None
    heads_memo: dict = field(default_factory=dict, compare=False, repr=False)


def _alt(words) -> str:
    """A regex alternation of normalised phrases, longest first, spaces flexible."""
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in uniq)


def _trie(words) -> str:
    """The same set of phrases as :func:`_alt`, as a character trie ("ال(?:امس|يوم)"): a
    regex that rejects a position after a few character tests, for the prefilter scan
    (which only asks whether some phrase matches, not which one)."""
    root: dict = {}
    for w in {w for w in words if w}:
        node = root
        for ch in re.sub(r"\s+", " ", w):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return emit(root)


def _load_yaml(name: str, data_dir: Path) -> dict:
    with open(data_dir / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@lru_cache(maxsize=8192)
def _n(s) -> str:
    return " ".join(norm(str(s)).split())


def _entries(rows: list[dict]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for row in rows or []:
        info = {k: v for k, v in row.items() if k != "words"}
        for w in row["words"]:
            out[_n(w)] = info
    return out


@lru_cache(maxsize=8)
def load_tables(data_dir: Path = DATA_DIR) -> TimeTables:
    """Load and compile ``data_dir/*.yaml`` (cached per directory)."""
    months = _load_yaml("months.yaml", data_dir)
    wds = _load_yaml("weekdays.yaml", data_dir)
    pods = _load_yaml("parts_of_day.yaml", data_dir)
    rel = _load_yaml("relative.yaml", data_dir)

    month_names: dict[str, tuple[str, int]] = {}
    for num, systems in months["gregorian"].items():
        for system, names in systems.items():
            for nm in names:
                month_names.setdefault(_n(nm), (system, int(num)))
    for num, names in months["hijri"].items():
        for nm in names:
            month_names.setdefault(_n(nm), ("hijri", int(num)))
    weekdays = {_n(w): int(k) for k, names in wds["weekdays"].items() for w in names}
    wd_mods = {_n(w): kind for kind, words in wds["modifiers"].items() for w in words}
    pod_before = {_n(w): k for k, v in pods["parts"].items() for w in v.get("before") or []}
    pod_after = {_n(w): k for k, v in pods["parts"].items() for w in v.get("after") or []}
    period_parts = {_n(w): k for k, words in rel["period_parts"].items() for w in words}
    lead_tags = {_n(w): k for k, words in rel["lead_tags"].items() for w in words}
    future = frozenset(_n(w) for group in rel["future"] for w in group)
    ago = dict(rel["ago"])
    ago["cues"] = [_n(w) for w in ago["cues"]]
    ago["day_units"] = [_n(w) for w in ago["day_units"]]
    ago["week_units"] = [_n(w) for w in ago["week_units"]]
    ordinals = {_n(w): int(k) for k, words in (months.get("day_ordinals") or {}).items() for w in words}
    dom = rel.get("day_of_month") or {}
    dom_mods = {**{_n(w): -1 for w in dom.get("past") or []}, **{_n(w): 1 for w in dom.get("future") or []},
                **{_n(w): 0 for w in dom.get("current") or []}}

    t = TimeTables(
        month_names=month_names,
        ambiguous_months=frozenset(_n(w) for w in months.get("ambiguous", [])),
        weekdays=weekdays,
        wd_mods=wd_mods,
        pod_before=pod_before,
        pod_after=pod_after,
        rel_days=_entries(rel["days"]),
        weeks=_entries(rel["weeks"]),
        months_rel=_entries(rel["months"]),
        years_rel=_entries(rel["years"]),
        future=future,
        period_parts=period_parts,
        lead_tags=lead_tags,
        ago=ago,
        background_days=int(rel.get("background_days", 30)),
        deadline_days=int(rel.get("deadline_days", 90)),
        anaphoric=_entries(rel.get("anaphoric")),
        before_ref=_entries(rel.get("before_ref")),
        ordinals=ordinals,
        dom_mods=dom_mods,
        dom_month_words=tuple(_n(w) for w in dom.get("month_words") or []),
    )
    year_cues = [_n(w) for w in rel["year_cues"]]
    year_words = ["عام", "العام", "سنه"]
    mon = _alt(month_names)
    mods = _alt(list(wd_mods) + [_n(w) for w in ("الجاري", "الحالي")])
    parts = _alt(period_parts)
    ords = _alt(ordinals) or "(?!)"
    # a day number ("15", "ال15" from "الـ15") or an ordinal day word before "من"
    day = rf"(?:(?:ال)?(?P<d>\d{{1,2}})\s*(?:من\s+)?|(?P<od>{ords})\s+من\s+)"
    pats = [
        ("rel", rf"{_PRE}(?P<b>{_alt(t.rel_days)})(?!\w)"),
        ("ana", rf"{_PRE}(?P<b>{_alt(t.anaphoric) or '(?!)'})(?!\w)"),
        ("bref", rf"{_PRE}(?P<b>{_alt(t.before_ref) or '(?!)'})(?!\w)"),
        ("dom", rf"{_PRE}(?P<b>{day}(?:(?P<mw>{_alt(t.dom_month_words) or '(?!)'})\s+)?"
                rf"(?P<mod>{_alt(dom_mods) or '(?!)'}))(?!\w)"),
        ("week", rf"{_PRE}(?P<b>(?:(?P<part>{parts})\s+)?(?P<m>{_alt(t.weeks)}))(?!\w)"),
        ("month", rf"{_PRE}(?P<b>(?:(?P<part>{parts})\s+)?(?P<m>{_alt(t.months_rel)}))(?!\w)"),
        ("year_rel", rf"{_PRE}(?P<b>(?:(?P<part>{parts})\s+)?(?P<m>{_alt(t.years_rel)}))(?!\w)"),
        ("fut", rf"{_PRE}(?P<b>{_alt(future)})(?!\w)"),
        ("ago", rf"{_PRE}(?P<b>(?:{_alt(ago['cues'])})\s+(?P<n>\d{{1,3}}|[^\W\d]+)\s+"
                rf"(?P<u>{_alt(ago['day_units'] + ago['week_units'])}))(?!\w)"),
        ("wd", rf"{_PRE}(?P<b>(?:يوم\s+)?(?P<w>{_alt(weekdays)})(?:\s+(?P<mod>{_alt(wd_mods)}))?)(?!\w)"),
        ("exp", rf"{_PRE}(?P<b>(?:(?P<part>{parts})\s+)?{day}?(?P<sh>شهر\s+)?"
                rf"(?P<m>{mon})(?:\s*[/(\-]\s*(?P<m2>{mon})\s*\)?)?"
                rf"(?:\s*[,،]?\s*(?:من\s+)?(?:(?:{_alt(year_words)})\s+)?(?P<y>\d{{4}})(?!\d))?"
                rf"(?:\s*(?P<ym>ه|م)(?!\w))?(?:\s+(?P<mod>{mods}))?)(?!\w)"),
        ("num", r"(?<![\d/.\-])(?P<b>(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
                r"(?P<y>\d{4}|\d{2}))(?![\d/.\-]\d)"),
        ("num", r"(?<![\d/.\-])(?P<b>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2}))(?!\d)"),
        ("yr", rf"{_PRE}(?:(?P<cue>{_alt(year_cues)})\s+)?(?P<b>(?:(?P<yw>{_alt(year_words)})\s+)?"
               r"(?P<y>(?:1[89]|20)\d\d|14\d\d))(?!\d)(?:\s*(?P<ym>ه|م)(?!\w))?"),
        ("pod", rf"{_PRE}(?P<b>{_alt(pod_before)})(?!\w)"),
        ("pod_after", rf"(?<!\w)(?P<b>{_alt(pod_after)})(?!\w)"),
    ]
    compiled = tuple((k, re.compile(p)) for k, p in pats)
    # how each pattern above may begin after its proclitics (keep in step with ``pats``):
    # kind -> (phrases, a month name?, a digit?); a kind missing here is tried everywhere
    begins = {
        "rel": ([t.rel_days], False, False),
        "week": ([period_parts, t.weeks], False, False),
        "month": ([period_parts, t.months_rel], False, False),
        "year_rel": ([period_parts, t.years_rel], False, False),
        "fut": ([future], False, False),
        "ago": ([ago["cues"]], False, False),
        "wd": ([["يوم"], weekdays], False, False),
        "exp": ([period_parts, ["شهر"], ordinals], True, True),
        "yr": ([year_cues, year_words], False, True),
        "pod": ([pod_before], False, False),
        "pod_after": ([pod_after], False, False),
    }
    heads = _heads(begins, month_names, {k for k, _p in pats if k != "num"})
    # where a piece other than "num" may start, as the patterns above begin: a table
    # phrase then a word end, a month name (a year or "ه" may follow without a space),
    # a year cue or year word before digits, or a digit
    phrases = (list(t.rel_days) + list(t.weeks) + list(period_parts) + list(t.months_rel) + list(t.years_rel)
               + list(future) + ago["cues"] + ["يوم"] + list(weekdays) + ["شهر"] + list(pod_before)
               + list(pod_after) + list(t.anaphoric) + list(t.before_ref))
    ahead = (rf"(?=[وف]?[بل]?(?:{_trie(phrases)}(?!\w)|{_trie(month_names)}|\d|ال\d"
             rf"|{_trie(ordinals)}\s+من\s"
             rf"|{_trie(year_cues)}\s+(?:{_trie(year_words)}\s+)?\d"
             rf"|{_trie(year_words)}\s+\d))")
    return TimeTables(**{**t.__dict__, "patterns": compiled, "prefilter": re.compile(r"(?<!\w)" + ahead),
                         "gap_prefilter": re.compile(r"\W" + ahead), "heads": heads})


_RUN = re.compile(r"\w+")


def _heads(begins: dict, month_names, kinds: set) -> tuple:
    r"""The ``TimeTables.heads`` index (see there) from ``begins``: kind -> (phrase lists,
    whether it may begin with a month name, whether with a digit). A text run (after the
    proclitics) must equal the first \w run of a phrase the pattern begins with: the phrase
    goes on with a space or a non-word character, or ends at a word end. A month name may
    have a year or "ه" glued to it, so the run need only start with the name's first run."""
    first: dict[str, set[str]] = {}
    always = set(kinds) - set(begins)
    for kind, (lists, _month, _digit) in begins.items():
        runs = [_RUN.match(p) for phrases in lists for p in phrases]
        if not all(runs):  # a phrase starting with a non-word character: no shortcut
            always.add(kind)
            continue
        for m in runs:
            first.setdefault(m.group(), set()).add(kind)
    month_runs = [_RUN.match(m) for m in month_names]
    month_kinds = frozenset(k for k, (_l, month, _d) in begins.items() if month)
    if not all(month_runs):
        always |= month_kinds
        month_runs = []
    return ({k: frozenset(v) for k, v in first.items()}, tuple({m.group() for m in month_runs}), month_kinds,
            frozenset(k for k, (_l, _m, digit) in begins.items() if digit), frozenset(always))


_PROCLITIC_SPLITS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")  # as _PRE: [وف]?[بل]?


def _kinds_of_run(run: str, t: TimeTables) -> frozenset[str]:
    r"""The kinds of piece that may start at a word whose \w run is ``run`` (the proclitics
    _PRE allows, then the head of the pattern), as ``t.heads`` says; memoised per run."""
    memo = t.heads_memo
    got = memo.get(run)
    if got is None:
        first, month_runs, month_kinds, digit_kinds, always = t.heads
        out = set(always)
        for pre in _PROCLITIC_SPLITS:
            if not run.startswith(pre) or len(run) == len(pre):
                continue
            rest = run[len(pre):]
            out.update(first.get(rest, ()))
            if month_runs and rest.startswith(month_runs):
                out.update(month_kinds)
            if rest[0].isdecimal() or (rest.startswith("ال") and rest[2:3].isdecimal()):
                out.update(digit_kinds)  # "15", "الـ15" (normalised "ال15")
        if len(memo) > 100_000:
            memo.clear()
        got = memo[run] = frozenset(out)
    return got


# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Piece:
    kind: str
    start: int  # normalised offsets
    end: int
    data: dict


def _number(word: str) -> Optional[int]:
    if word.isdigit():
        return int(word)
    from .quantities import word_value  # number words live in numbers.yaml

    v = word_value(word)
    return int(v) if v is not None else None


def find_pieces(s: str, t: TimeTables) -> list[Piece]:
    """Atoms of time expressions in the normalised string ``s``, non-overlapping."""
    found: list[Piece] = []
    for kind, m in _matches(s, t):
        data = _piece_data(kind, m, t)
        if data is None:
            continue
        a, b = m.span("b")
        found.append(Piece("pod" if kind == "pod_after" else kind, a, b, data))
    found.sort(key=lambda p: (-(p.end - p.start), p.start))
    kept: list[Piece] = []
    for p in found:
        if all(p.end <= k.start or p.start >= k.end for k in kept):
            kept.append(p)
    kept.sort(key=lambda p: p.start)
    return kept


_NUM_HINT = re.compile(r"\d\s*[/.\-]\s*\d+\s*[/.\-]")  # in every numeric date (both "num" patterns)


def _matches(s: str, t: TimeTables):
    """``(kind, match)`` for every pattern, exactly as ``pattern.finditer(s)`` would give
    them, but each pattern is tried only at the word starts the prefilter found."""
    if t.prefilter is None:
        for kind, pat in t.patterns:
            for m in pat.finditer(s):
                yield kind, m
        return
    starts = prefilter_starts(s, t)
    has_num = _NUM_HINT.search(s) is not None
    by_kind: Optional[dict[str, list[int]]] = None
    if t.heads is not None:  # each start only for the patterns that may begin with its word
        by_kind = {}
        every = [k for k, _p in t.patterns]
        for p in starts:
            run = _RUN.match(s, p)
            for kind in (_kinds_of_run(run.group(), t) if run is not None else every):
                got = by_kind.get(kind)
                if got is None:
                    by_kind[kind] = [p]
                else:
                    got.append(p)
    for kind, pat in t.patterns:
        if kind == "num":  # may start inside a word ("ب15/1/2020"): scan, when a date is possible
            if has_num:
                yield from ((kind, m) for m in pat.finditer(s))
            continue
        end = 0
        for p in (starts if by_kind is None else by_kind.get(kind, ())):
            if p < end:
                continue
            m = pat.match(s, p)
            if m is not None:
                end = m.end()
                yield kind, m


def prefilter_starts(s: str, t: TimeTables) -> list[int]:
    r"""``[m.start() for m in t.prefilter.finditer(s)]``: the offset 0 when the prefilter
    matches there, then the end of every ``t.gap_prefilter`` match (a non-word character
    before a position the prefilter accepts; ``(?<!\w)`` at p > 0 is ``\W`` at p - 1)."""
    if t.gap_prefilter is None:
        return [m.start() for m in t.prefilter.finditer(s)]
    starts = [m.end() for m in t.gap_prefilter.finditer(s)]
    if t.prefilter.match(s) is not None:
        starts.insert(0, 0)
    return starts


def _piece_data(kind: str, m: re.Match, t: TimeTables) -> Optional[dict]:
    g = m.groupdict()
    if kind == "rel":
        info = dict(t.rel_days[_n(g["b"])])
        if info.get("after"):  # only after one of these words ("في الغد", not "عدن الغد")
            before = m.string[:m.start("b")].split()
            word = before[-1] if before else ""
            if not {word, word[1:]} & {_n(w) for w in info["after"]}:
                return None
        return info
    if kind == "week":
        info = dict(t.weeks[_n(g["m"])])
        if info.get("needs_part") and not g.get("part"):
            return None
        info["part"] = t.period_parts.get(_n(g["part"])) if g.get("part") else None
        return info
    if kind in ("month", "year_rel"):
        table = t.months_rel if kind == "month" else t.years_rel
        info = dict(table[_n(g["m"])])
        if info.get("needs_part") and not g.get("part"):
            return None
        info["part"] = t.period_parts.get(_n(g["part"])) if g.get("part") else None
        return info
    if kind == "fut":
        return {"future": True}
    if kind == "ana":
        return dict(t.anaphoric[_n(g["b"])])
    if kind == "bref":
        return dict(t.before_ref[_n(g["b"])])
    if kind == "dom":
        day = int(g["d"]) if g.get("d") else t.ordinals[_n(g["od"])]
        offset = t.dom_mods[_n(g["mod"])]
        if not 1 <= day <= 31 or (offset != 0 and not g.get("mw")):  # "14 الماضي" alone is not a date
            return None
        return {"day": day, "offset": offset}
    if kind == "ago":
        n = _number(g["n"])
        if n is None or n <= 0:
            return None
        unit = "week" if _n(g["u"]) in t.ago["week_units"] else "day"
        return {"n": n, "unit": unit}
    if kind == "wd":
        return {"weekday": t.weekdays[_n(g["w"])], "mod": t.wd_mods.get(_n(g["mod"])) if g.get("mod") else None}
    if kind == "exp":
        name = _n(g["m"])
        system, month = t.month_names[name]
        day = int(g["d"]) if g.get("d") else (t.ordinals[_n(g["od"])] if g.get("od") else None)
        year = int(g["y"]) if g.get("y") else None
        if name in t.ambiguous_months and not (day or year or g.get("sh") or g.get("m2")):
            return None
        if day is not None and not 1 <= day <= 31:
            return None
        if g.get("m2"):  # "كانون الثاني/يناير": both names must agree on the month
            system2, month2 = t.month_names[_n(g["m2"])]
            if month2 != month or (system2 == "hijri") != (system == "hijri"):
                return None
        if g.get("ym") == "ه" and year:
            system = "hijri" if system == "hijri" else system
        mod = _n(g["mod"]) if g.get("mod") else None
        modkind = t.wd_mods.get(mod) if mod else None
        if mod in ("الجاري", "الحالي"):
            modkind = "current"
        return {"system": system, "month": month, "day": day, "year": year, "mod": modkind,
                "part": t.period_parts.get(_n(g["part"])) if g.get("part") else None}
    if kind == "num":
        d, mo, y = int(g["d"]), int(g["m"]), int(g["y"])
        if y < 100:
            y += 2000
        if mo > 12 and d <= 12:
            d, mo = mo, d
        if not (1 <= mo <= 12 and 1 <= d <= 31 and (1300 <= y <= 1500 or 1900 <= y <= 2100)):
            return None
        return {"system": "hijri" if y < 1600 else "numeric", "month": mo, "day": d, "year": y, "mod": None,
                "part": None}
    if kind == "yr":
        if not (g.get("cue") or g.get("yw")):
            return None
        y = int(g["y"])
        hijri = y < 1600
        if hijri and g.get("ym") != "ه":
            return None
        return {"year": y, "hijri": hijri}
    if kind == "pod":
        key = _n(g["b"])
        return {"tod": t.pod_before.get(key) or t.pod_after.get(key), "after": key in t.pod_after}
    return None


def group_pieces(s: str, pieces: list[Piece]) -> list[list[Piece]]:
    """Join touching pieces into expressions; a group needs one non-``pod`` piece."""
    groups: list[list[Piece]] = []
    cur: list[Piece] = []
    for p in pieces:
        if cur and _night_second_day(s, cur, p):
            cur.append(Piece("wd2", p.start, p.end, p.data))
            continue
        if cur and _GAP.match(s[cur[-1].end:p.start]) and _compatible(cur, p):
            cur.append(p)
            continue
        if cur:
            groups.append(cur)
        cur = [p]
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        # a part of the day alone is not a date; a trailing one with no anchor after it neither
        anchors = [p for p in g if p.kind != "pod"]
        if anchors:
            out.append(g)
    return out


def _night_second_day(s: str, group: list[Piece], p: Piece) -> bool:
    """A night named by its two days ("ليل الثلاثاء - الأربعاء", "منتصف ليل الاثنين
    الثلاثاء") or two days of one span ("دخلوا، الأحد والاثنين، إلى المعسكر"): the
    second weekday, the day after the first, joins the expression (which keeps the
    first day, the start; midnight the second)."""
    if p.kind != "wd" or group[-1].kind != "wd" or p.data.get("mod"):
        return False
    if p.data["weekday"] != (group[-1].data["weekday"] + 1) % 7:
        return False
    gap = s[group[-1].end:p.start]
    if any(q.kind == "pod" and q.data.get("tod") in ("night", "midnight") for q in group):
        return bool(_NIGHT_GAP.match(gap))
    return bool(_SPAN_GAP.match(gap))


def _compatible(group: list[Piece], p: Piece) -> bool:
    kinds = {q.kind for q in group}
    if p.kind in kinds:
        return False
    if p.kind == "pod":
        # a part of the day after the anchor only in its adverb form ("أمس مساءً"),
        # or before the next anchor ("صباح أمس")
        return True
    core = kinds - {"pod"}
    if not core:
        return True
    return core <= _DAY_FAMILY and p.kind in _DAY_FAMILY


# --------------------------------------------------------------------------- resolution


@dataclass
class Resolved:
    date: Optional[_dt.date]
    precision: Optional[int]
    tags: list[str]
    mismatch: Optional[str] = None  # message for a weekday_mismatch warning


def _safe_date(y: int, m: int, d: int) -> Optional[_dt.date]:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _hijri_to_greg(y: int, m: int, d: int) -> Optional[_dt.date]:
    from hijridate import Hijri

    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _dt.date(g.year, g.month, g.day)


def _greg_to_hijri_year(day: _dt.date) -> Optional[int]:
    from hijridate import Gregorian

    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _add_months(day: _dt.date, months: int, dom: int = 15) -> _dt.date:
    idx = day.year * 12 + (day.month - 1) + months
    return _dt.date(idx // 12, idx % 12 + 1, dom)


def _explicit(d: dict, pub: Optional[_dt.date]) -> tuple[Optional[_dt.date], Optional[int], list[str]]:
    """(date, precision, tags) of an explicit or numeric date piece."""
    tags = ["explicit"]
    hijri = d["system"] == "hijri"
    if hijri:
        tags.append("hijri")
    day, month, year, mod = d["day"], d["month"], d["year"], d["mod"]
    prec = 1 if day else 3
    dom = day or 15

    def build(y: int) -> Optional[_dt.date]:
        return _hijri_to_greg(y, month, dom) if hijri else _safe_date(y, month, dom)

    if year is not None:
        return build(year), prec, tags
    if pub is None:
        return None, None, tags + ["unresolved"]
    base_year = _greg_to_hijri_year(pub) if hijri else pub.year
    if base_year is None:
        return None, None, tags + ["unresolved"]
    cands = [c for c in (build(base_year - 1), build(base_year), build(base_year + 1)) if c]
    if not cands:
        return None, None, tags
    if mod == "future":
        after = [c for c in cands if c > pub]
        return (after[0] if after else cands[-1]), prec, tags
    if mod == "current":
        same = [c for c in cands if c.year == pub.year and c.month == pub.month] if not hijri else []
        if same:
            return min(same[0], pub), prec, tags
    limit = pub if mod == "past" else pub + _dt.timedelta(days=1)
    past = [c for c in cands if (c < limit if mod == "past" else c <= limit)]
    if not day:  # a month without a day: the month of publication counts as "this month"
        past = [c for c in cands if (c.year, c.month) < (pub.year, pub.month)
                or (mod != "past" and (c.year, c.month) == (pub.year, pub.month))]
        if past:
            return min(past[-1], pub), prec, tags
    return (past[-1] if past else cands[0]), prec, tags


def _nearest_weekday(ref: _dt.date, weekday: int) -> _dt.date:
    fwd = (weekday - ref.weekday()) % 7
    back = fwd - 7 if fwd else 0
    return ref + _dt.timedelta(days=fwd if fwd and fwd < -back else back)


def _weekday_alone(pub: _dt.date, weekday: int, mod: Optional[str]) -> _dt.date:
    back = (pub.weekday() - weekday) % 7
    if mod == "past" and back == 0:
        back = 7
    if mod == "future":
        fwd = (weekday - pub.weekday()) % 7 or 7
        return pub + _dt.timedelta(days=fwd)
    return pub - _dt.timedelta(days=back)


def _latest(date: _dt.date, prec: Optional[int]) -> _dt.date:
    """The last day a coded date may stand for: the day, the week's end, the month's end."""
    if prec == 2:
        return date + _dt.timedelta(days=3)
    if prec == 3:
        return _add_months(date, 1, 1) - _dt.timedelta(days=1)
    return date


_WD_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def interpret(group: list[Piece], pub: Optional[_dt.date], t: TimeTables, lead: Optional[str] = None,
              ref: Optional["Resolved"] = None) -> Resolved:
    """Date, precision and tags of one grouped time expression.

    ``lead`` is the tag of the word before it ("by" for بحلول, "until" for حتى): a
    deadline may lie ahead, so a date without a year after one of them may fall in
    the next ``deadline_days`` days instead of the past year.

    ``ref`` is the day an anaphoric expression ("في اليوم ذاته") or a "before the
    reference" one ("بعد يوم من", "غداة" alone) counts from; None = publication."""
    by = {p.kind: p.data for p in group}
    if "wd2" in by and any(p.kind == "pod" and p.data.get("tod") == "midnight" for p in group):
        by["wd"] = by["wd2"]  # midnight between two days belongs to the second one
    counted = None  # (offset, extra tags) for an expression counted from ``ref``
    if "ana" in by:
        counted = (int(by["ana"].get("offset", 0)), ["anaphoric"])
        if by["ana"].get("time_of_day"):
            counted[1].append(f"time_of_day:{by['ana']['time_of_day']}")
    elif "bref" in by:
        counted = (int(by["bref"]["offset"]), ["anterior"])
    elif set(by) - {"pod"} == {"rel"} and by["rel"].get("ref_offset") is not None:
        counted = (int(by["rel"]["ref_offset"]), ["anterior"])
    if counted is not None:
        return _counted(group, pub, t, ref, *counted)
    tags: list[str] = []
    for p in group:
        if p.kind == "pod" and p.data.get("tod"):
            tags.append(f"time_of_day:{p.data['tod']}")
    date: Optional[_dt.date] = None
    prec: Optional[int] = None
    mismatch = None
    future = False
    relative = False

    if "dom" in by:  # "14 الجاري", "الرابع من الشهر الماضي"
        if pub is None:
            date, prec, etags = None, None, ["explicit", "unresolved"]
        else:
            base = _add_months(pub, int(by["dom"]["offset"]), 1)
            date, prec, etags = _safe_date(base.year, base.month, by["dom"]["day"]), 1, ["explicit"]
        tags += etags
        if "wd" in by and date and date.weekday() != by["wd"]["weekday"]:
            mismatch = (f"{_WD_EN[by['wd']['weekday']]} named, but {date.isoformat()} "
                        f"is a {_WD_EN[date.weekday()]}")
    elif "exp" in by or "num" in by:
        d = by.get("exp") or by["num"]
        date, prec, etags = _explicit(d, pub)
        if lead in ("by", "until") and date and pub and d.get("year") is None and not d.get("mod"):
            ahead, _p, _t = _explicit({**d, "mod": "future"}, pub)
            if ahead and (ahead - pub).days <= t.deadline_days:
                date = ahead
        tags += etags
        if d.get("part"):
            tags.append(f"period:{d['part']}")
        future = d.get("mod") == "future"
        if "wd" in by and date and prec == 1 and date.weekday() != by["wd"]["weekday"]:
            mismatch = (f"{_WD_EN[by['wd']['weekday']]} named, but {date.isoformat()} "
                        f"is a {_WD_EN[date.weekday()]}")
        if "rel" in by and by["rel"].get("day_after") and date:
            date += _dt.timedelta(days=1)
    elif "rel" in by:
        r = by["rel"]
        relative = True
        if r.get("time_of_day"):
            tags.append(f"time_of_day:{r['time_of_day']}")
        future = bool(r.get("future"))
        if pub is not None:
            ref = pub + _dt.timedelta(days=int(r["offset"]))
            date, prec = ref, int(r.get("precision", 1))
            if "wd" in by:
                wd = by["wd"]["weekday"]
                if ref.weekday() != wd:
                    date = _nearest_weekday(ref, wd)
                    mismatch = (f"{_WD_EN[wd]} named, but the relative word points to {ref.isoformat()} "
                                f"({_WD_EN[ref.weekday()]}) given publication {pub.isoformat()}")
    elif "wd" in by:
        relative = True
        w = by["wd"]
        future = w.get("mod") == "future"
        if pub is not None:
            date, prec = _weekday_alone(pub, w["weekday"], w.get("mod")), 1
    elif "week" in by:
        w = by["week"]
        relative = True
        future = bool(w.get("future"))
        if pub is not None:
            if w.get("days_back"):
                date = pub - _dt.timedelta(days=int(w["days_back"]))
            else:
                # the week's midpoint, or its start (Monday) / end (Saturday) for
                # "مطلع الأسبوع" / "أواخر الأسبوع الماضي"
                monday = pub - _dt.timedelta(days=pub.weekday())
                day = {"start": 0, "end": 5}.get(w.get("part") or "", 3)
                date = monday + _dt.timedelta(days=7 * int(w["offset"]) + day)
                if int(w["offset"]) == 0:
                    date = min(date, pub)
            prec = 2
        if w.get("part"):
            tags.append(f"period:{w['part']}")
    elif "month" in by:
        mo = by["month"]
        relative = True
        future = bool(mo.get("future"))
        if mo.get("part"):
            tags.append(f"period:{mo['part']}")
        if pub is not None:
            date = _add_months(pub, int(mo["offset"]))
            if int(mo["offset"]) == 0:
                date = min(date, pub)
            prec = 3
    elif "year_rel" in by:
        y = by["year_rel"]
        relative = True
        future = bool(y.get("future"))
        if pub is not None:
            tags.append(f"year:{pub.year + int(y['offset'])}")
            if int(y["offset"]) < 0:
                tags.append("background")
    elif "yr" in by:
        y = by["yr"]
        year = y["year"]
        if y["hijri"]:
            tags.append("hijri")
            g = _hijri_to_greg(year, 6, 15)
            year = g.year if g else None
        if year:
            tags.append(f"year:{year}")
            if pub is not None and year < pub.year:
                tags.append("background")
            if pub is not None and year > pub.year:
                future = True
    elif "ago" in by:
        a = by["ago"]
        relative = True
        if pub is not None:
            days = a["n"] * (7 if a["unit"] == "week" else 1)
            date = pub - _dt.timedelta(days=days)
            prec = 1 if a["unit"] == "day" and a["n"] <= int(t.ago.get("max_day_precision", 6)) else 2
    elif "fut" in by:
        future = True

    if date is not None and pub is not None:
        if date > pub:
            future = True
        if (pub - _latest(date, prec)).days > t.background_days:
            tags.append("background")
    if future:
        tags.append("future")
    if relative:
        tags.append("relative")
        if pub is None:
            tags.append("unresolved")
    if date is None:
        prec = None
    return Resolved(date, prec, list(dict.fromkeys(tags)), mismatch)


def _counted(group: list[Piece], pub: Optional[_dt.date], t: TimeTables, ref: Optional[Resolved],
             offset: int, extra: list[str]) -> Resolved:
    """An expression counted from the reference day ``ref`` (else publication): "في اليوم
    ذاته" (0), "في اليوم التالي" (+1), "بعد يوم من" / "غداة" alone (-1)."""
    tags = [f"time_of_day:{p.data['tod']}" for p in group if p.kind == "pod" and p.data.get("tod")] + extra
    if ref is not None and ref.date is not None:
        date = ref.date + _dt.timedelta(days=offset)
        tags += [x for x in ref.tags if x in ("background", "explicit", "hijri")]
    elif pub is not None:
        date = pub + _dt.timedelta(days=offset)
        tags.append("relative")
    else:
        return Resolved(None, None, tags + ["relative", "unresolved"])
    if pub is not None:
        if date > pub:
            tags.append("future")
        if (pub - date).days > t.background_days:
            tags.append("background")
    return Resolved(date, 1, list(dict.fromkeys(tags)))


# --------------------------------------------------------------------------- component

_LEAD_RE = re.compile(r"(\w+)\s*$")  # the word just before an expression
# the same word found from the end: on the reversed window, one match at its start instead
# of a search that tries (and backtracks from) every position of the window
_LEAD_REV = re.compile(r"\s*(\w+)")


def _lead_word(window: str) -> Optional[str]:
    """``_LEAD_RE.search(window).group(1)``, or None when it does not match."""
    m = _LEAD_REV.match(window[::-1])
    return m.group(1)[::-1] if m is not None else None


def _paragraph(work, offset: int) -> Optional[int]:
    sent = work.sentence_at(offset) if hasattr(work, "sentence_at") else None
    return sent.paragraph if sent is not None else None


def _reference(work, group: list[Piece], done) -> Optional[Resolved]:
    """The day an expression counted from a reference counts from: for an anaphor
    ("في اليوم ذاته") the day stated last before it; for "بعد يوم من" / "غداة" alone
    the last current day (not background, future or itself anterior) stated before it
    in the same paragraph. None when there is none (the caller uses publication)."""
    kinds = {p.kind for p in group}
    day = [r for _s, _p, r in done if r.date is not None and r.precision == 1]
    if "ana" in kinds:
        return day[-1] if day else None
    if not ("bref" in kinds or (kinds - {"pod"} == {"rel"}
                                and next(p for p in group if p.kind == "rel").data.get("ref_offset") is not None)):
        return None
    if not done:
        return None
    start = work.nt.span(group[0].start, group[0].end)[0]
    para = _paragraph(work, start)
    for _s, p, r in reversed(done):
        if p != para or para is None:
            break
        if r.date is not None and r.precision == 1 and not {"background", "future", "anterior"} & set(r.tags):
            return r
    return None


def recognize(work, tables: Optional[TimeTables] = None) -> None:
    """Add a DATE entity for every time expression in ``work``."""
    t = tables or load_tables()
    s = work.nt.norm
    pieces = find_pieces(s, t)
    done: list[tuple[int, Optional[int], Resolved]] = []  # (text start, paragraph, resolved) so far
    for group in group_pieces(s, pieces):
        ns, ne = group[0].start, group[-1].end
        ref = _reference(work, group, done)
        lead_tag = None
        lead = _lead_word(s[max(0, ns - 20):ns])
        if lead:
            word = _n(lead)
            for w in (word, word[1:] if word[:1] in "وف" else word):
                if w in t.lead_tags:
                    lead_tag = t.lead_tags[w]
                    break
        res = interpret(group, work.published, t, lead_tag, ref)
        if lead_tag:
            res.tags.append(lead_tag)
        start, end = work.nt.span(ns, ne)
        if end <= start:
            continue
        done.append((start, _paragraph(work, start), res))
        work.add_entity("DATE", start, end, date=res.date.isoformat() if res.date else None,
                        time_precision=res.precision, tags=res.tags)
        if res.mismatch:
            work.warn("weekday_mismatch", res.mismatch, start, end)


def make_component(config) -> Callable:
    tables = load_tables()

    def component(work) -> None:
        recognize(work, tables)

    return component


# --------------------------------------------------------------------------- event helper

_SKIP_TAGS = ("background", "future")
_CLAUSE_MARKS = "،,؛;:.!?؟\n"


def _usable(e) -> bool:
    return e.date is not None and not any(t in e.tags for t in _SKIP_TAGS)


def _date_index(work):
    """A function ``(start, end) -> [DATE entities e with start <= e.start and e.end <= end]``
    in the order of ``work.entities``, answered from an index sorted by start (kept in
    ``work.meta`` while the entities are unchanged) instead of a scan of every entity."""
    ents = work.entities
    key = (len(ents), id(ents[-1]) if ents else None)
    meta = getattr(work, "meta", None)
    got = meta.get("_date_index") if meta is not None else None
    if got is None or got[0] != key:
        dates = [e for e in ents if e.type == "DATE"]
        order = sorted(range(len(dates)), key=lambda k: dates[k].start)
        got = (key, dates, order, [dates[k].start for k in order])
        if meta is not None:
            meta["_date_index"] = got
    _key, dates, order, starts = got

    def within(start: int, end: int) -> list:
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [dates[k] for k in sorted(order[lo:hi]) if dates[k].end <= end]

    return within


def _earlier_in_paragraph(sentences, sent) -> list:
    """``[s for s in sentences if s.paragraph == sent.paragraph and s.end <= sent.start]``,
    for sentences in text order with non-decreasing paragraph numbers (as
    :func:`rasd.text.split_sentences` gives them): a walk back from ``sent``."""
    k = _sentence_pos(sentences, sent.start)
    out = []
    for s in reversed(sentences[:k]):
        if s.paragraph != sent.paragraph:
            break
        if s.end <= sent.start:
            out.append(s)
    out.reverse()
    return out


def _sentence_pos(sentences, start: int) -> int:
    """Index of the first sentence starting at or after ``start`` (sentences in text order)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


_LEAD_MIN_WORDS = 8  # a shorter paragraph after the headline is a dateline or byline


def _lead_date(work, within):
    """``(paragraph, entity)``: the first usable day-precise date of the lead paragraph (the
    first paragraph after the headline), or None; None for a document without a title,
    whose first paragraph may not be a lead."""
    sents = work.sentences
    if not sents or not getattr(work, "title", None):
        return None
    # the lead: the first paragraph after the headline long enough to be one (not a
    # dateline or byline line such as "ديالى/ شفق نيوز")
    words: dict[int, int] = {}
    for s in sents:
        if s.paragraph > sents[0].paragraph:
            words[s.paragraph] = words.get(s.paragraph, 0) + len(work.text[s.start:s.end].split())
    body = [p for p, n in words.items() if n >= _LEAD_MIN_WORDS]
    if not body:
        return None
    para = min(body)
    lead = [s for s in sents if s.paragraph == para]
    hi = max(s.end for s in lead if s.paragraph == para)
    cands = [e for e in within(lead[0].start, hi)
             if _usable(e) and e.time_precision == 1 and "anterior" not in e.tags]
    return (para, min(cands, key=lambda e: e.start)) if cands else None


def resolve_event_date(work, start: int, end: int, anchor: Optional[int] = None
                       ) -> tuple[Optional[str], Optional[int], Optional[object]]:
    """``(date, precision, entity)`` for an event stated in ``work.text[start:end]``.

    Looks, in order, for a usable DATE entity (resolved, neither background nor
    future):

    1. inside the span, nearest to ``anchor`` (the trigger offset; default ``start``):
       fewest clause marks (، ؛ . …) between them first, then fewest characters;
    2. elsewhere in the sentence holding ``start``, nearest to ``anchor``;
    3. in the previous sentences of the same paragraph, the closest one;
    4. for a headline (paragraph 0 of a document with a title), the first date of
       the lead paragraph, which reports the same event ("… أمس الأربعاء");
    5. for a paragraph after the lead (a document with a title), the lead's first
       day-precise date, unless a paragraph in between states another day;
    6. otherwise the publication date with precision 2 (``entity`` None): a wire
       report with no time word reports the day of publication or the day before,
       so the week is known, the day is not; ``None, None, None`` without a
       publication date.

    When the span's only DATE entities are background or future, step 1 returns
    the first of them (its ``date`` may be None) so the caller can see the tag.
    """
    anchor = start if anchor is None else anchor
    within = _date_index(work)  # DATE entities wholly inside a span, in entity order

    def cost(e) -> tuple[int, int]:
        a, b = (e.end, anchor) if e.end <= anchor else (anchor, e.start)
        between = work.text[a:b] if b > a else ""
        crossed = sum(between.count(c) for c in _CLAUSE_MARKS)
        return crossed, max(0, b - a)

    def nearest(cands):
        # after an "anterior" date ("…، بعد يوم من دخولها المدينة") the dates before it
        # belong to the main clause; a date of the complement's own ("بعد يومين من غارة …
        # مساء السبت") beats the anterior one
        ants = [e for e in cands if "anterior" in e.tags and e.start <= anchor]
        if ants:
            a = max(ants, key=lambda e: e.start)
            cands = [e for e in cands if e is a or (e.start >= a.end and not any(
                c in work.text[a.end:e.start] for c in _CLAUSE_MARKS))]
        return min(cands, key=lambda e: ("anterior" in e.tags, cost(e), e.start))

    def before_anchor(e) -> bool:
        # an "anterior" date ("بعد يوم من …", "غداة …") dates only what follows it, and
        # when it opens the sentence ("وبعد يوم من سيطرتها على المدينة، أعلنت القوات…")
        # only up to the first clause mark: the main clause comes after it
        if "anterior" not in e.tags:
            return False
        if anchor < e.start:
            return True
        sent = work.sentence_at(e.start) if hasattr(work, "sentence_at") else None
        if sent is None or work.text[sent.start:e.start].strip(" \t\"'«(وف"):
            return False
        return any(c in work.text[e.end:anchor] for c in _CLAUSE_MARKS)

    inside = within(start, end)
    usable = [e for e in inside if _usable(e) and not before_anchor(e)]
    if usable:
        e = nearest(usable)
        return e.date, e.time_precision, e
    # (a future date in a later clause is another matter's: "خرجت مسيرة حاشدة في رام الله، وسط
    # دعوات لإضراب شامل غدا")
    flagged = [e for e in inside if any(t in e.tags for t in _SKIP_TAGS)
               and not ("future" in e.tags and e.start >= anchor and cost(e)[0] > 0)]
    if flagged:
        e = flagged[0]
        return e.date, e.time_precision, e
    sent = work.sentence_at(start) if hasattr(work, "sentence_at") else None
    if sent is not None:
        same = [e for e in within(sent.start, sent.end) if _usable(e) and not before_anchor(e)]
        if same:
            e = nearest(same)
            return e.date, e.time_precision, e
        for s in reversed(_earlier_in_paragraph(work.sentences, sent)):
            prev = [e for e in within(s.start, s.end) if _usable(e) and "anterior" not in e.tags]
            if prev:
                e = prev[-1]
                return e.date, e.time_precision, e
        if sent.paragraph == 0 and getattr(work, "title", None):
            # a headline states the event the lead paragraph dates ("… أمس الأربعاء"):
            # its day is the lead's first date, not the publication day
            lead = [s for s in work.sentences if s.paragraph > 0]
            if lead:
                para = lead[0].paragraph
                lo = lead[0].start
                hi = max(s.end for s in lead if s.paragraph == para)
                first = [e for e in within(lo, hi) if _usable(e) and "anterior" not in e.tags]
                if first:
                    e = min(first, key=lambda e: e.start)
                    return e.date, e.time_precision, e
        lead = _lead_date(work, within)
        if lead is not None and sent.paragraph != lead[0]:  # a later paragraph, or a headline
            # whose first paragraph was a dateline ("الدمازين/ الأناضول")
            # a later paragraph with no time word of its own tells more of the lead's story
            # ("وفي مديرية الشيخ عثمان، أقدم شبان…" after "شهدت عدن مساء أمس الأحد احتجاجات"),
            # unless a paragraph in between has moved to another day
            e = lead[1]
            between = [x for x in within(e.end, sent.start) if _usable(x) and "anterior" not in x.tags]
            if all(x.date == e.date for x in between):
                return e.date, e.time_precision, e
    if work.published is not None:
        return work.published.isoformat(), 2, None
    return None, None, None


__all__ = ["make_component", "recognize", "resolve_event_date", "interpret", "find_pieces",
           "group_pieces", "load_tables", "TimeTables", "Piece", "Resolved"]
