"""Event frames: trigger words and what they code to, loaded from YAML data.

Frames live in ``rasd/data/frames/*.yaml`` (and in user ``--frames DIR``
directories, loaded through the same function, later files overriding frames
with the same ``file#id``). The loader expands each verb into its inflected
forms, so the data lists only the perfect 3rd-person masculine singular.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..text import norm

DATA = Path(__file__).resolve().parent.parent / "data"
FRAMES_DIR = DATA / "frames"


@dataclass(frozen=True)
class Refinement:
    context: tuple[str, ...]  # normalised words/phrases
    event_type: str
    sub_event_type: str
    window: int | None = None  # words either side of the trigger (default 6)


@dataclass(frozen=True)
class Frame:
    rule: str  # "frames/battles.yaml#capture"
    event_type: str
    sub_event_type: str
    strength: float
    requires: tuple[str, ...] = ()
    object: str = "direct"
    if_target: dict = field(default_factory=dict, hash=False, compare=False)
    refine: tuple[Refinement, ...] = ()
    purpose_prefix: bool = False  # "للسيطرة على": a nominal trigger after ل is an aim
    default_actor1: str | None = None  # a generic kind (protesters, rioters) when none is named
    imperfect_is_state: bool = False  # "تسيطر على": the imperfect states control (outside headlines)
    defender_subject: bool = False  # "تصدت X لهجوم Y": X defends, Y is actor1
    needs: Optional[Refinement] = None  # context words that must stand near the trigger
    also_needs: Optional[Refinement] = None  # a second context, required as well
    refine_nearest: bool = False  # the refinement nearest the trigger wins (else the first listed)
    anaphoric: bool = False  # a definite noun with no refining context takes the last refined type
    needs_enclitic: bool = True  # an enclitic object ("أسقطتها") counts as the needed word named before
    # words that stand for the parties when `requires: [actor]` finds no actor ("وقع وجهاء من
    # العشيرتين اتفاق صلح", "اتفاق لوقف إطلاق النار بين الطرفين")
    parties: Optional[Refinement] = None
    # a noun trigger right after these is no event: "عملية تحرير الحديدة" names an operation
    # (name_heads), "استهدفت تعزيزات" makes reinforcements a target (not_after)
    name_heads: frozenset = frozenset()
    not_after: frozenset = frozenset()  # (time words and adverbs may stand between)
    # the trigger counts only with one of these nouns as its subject, within 3 words after it
    # (numbers between: "وافقت ثماني بلدات") or 2 before ("تلك القرى انضمت")
    subject: frozenset = frozenset()


@dataclass(frozen=True)
class Trigger:
    frame: Frame
    words: tuple[str, ...]  # normalised words of the trigger form
    pos: str  # "verb", "noun", "phrase"
    future: bool = False  # a generated future form (سيسيطر)
    tense: str = ""  # for verbs: "perfect" or "imperfect"


# Verb inflection: suffixes of the perfect, prefixes/suffixes of the imperfect.
_PERFECT_SUFFIXES = ("", "ت", "وا", "ا", "تا", "نا", "تم", "و")
_IMPERFECT_PREFIXES = ("ي", "ت", "ن")
_IMPERFECT_SUFFIXES = ("", "ون", "ان", "ن", "وا", "ين")


def verb_forms(spec: str) -> tuple[set[str], set[str]]:
    """Inflected forms of a verb given as "perfect" or "perfect|imperfect":
    (perfect and imperfect forms, future forms). See :func:`inflect`."""
    f = inflect(spec)
    return f["perfect"] | f["imperfect"], f["future"]


def inflect(spec: str) -> dict[str, set[str]]:
    """Perfect, imperfect and future forms of a verb ("perfect" or "perfect|imperfect").

    Weak final verbs (استولى) drop their final letter before suffixes; a perfect
    starting with alef (استعاد, اشتبك) drops it in the imperfect.
    """
    perfect, _, imperfect = spec.partition("|")
    p = norm(perfect.strip())
    forms: set[str] = set()
    stem_p = p[:-1] if p.endswith("ي") else p
    for suf in _PERFECT_SUFFIXES:
        forms.add((stem_p if suf else p) + suf)
    forms.add(p)
    if imperfect:
        i3 = norm(imperfect.strip())
        base = i3[1:]  # drop the person prefix
    else:
        base = p[1:] if p.startswith("ا") else p
    base_s = base[:-1] if base.endswith("ي") else base
    imperf: set[str] = set()
    for pre in _IMPERFECT_PREFIXES:
        for suf in _IMPERFECT_SUFFIXES:
            imperf.add(pre + (base_s if suf else base) + suf)
    future = {"س" + f for f in imperf}
    return {"perfect": forms - imperf, "imperfect": imperf, "future": future}


def _load_file(path: Path) -> list[tuple[Frame, list[Trigger]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for spec in data.get("frames", []):
        rule = f"frames/{path.name}#{spec['id']}"
        frame = Frame(
            rule=rule,
            event_type=spec["event_type"],
            sub_event_type=spec["sub_event_type"],
            strength=float(spec.get("strength", 0.6)),
            requires=tuple(spec.get("requires", ())),
            object=spec.get("object", "direct"),
            purpose_prefix=bool(spec.get("purpose_prefix", False)),
            default_actor1=spec.get("default_actor1"),
            imperfect_is_state=bool(spec.get("imperfect_is_state", False)),
            defender_subject=bool(spec.get("defender_subject", False)),
            needs=(Refinement(tuple(norm(c) for c in spec["needs"]["context"]), spec["event_type"],
                              spec["sub_event_type"], spec["needs"].get("window", 6)) if spec.get("needs") else None),
            also_needs=(Refinement(tuple(norm(c) for c in spec["also_needs"]["context"]), spec["event_type"],
                                   spec["sub_event_type"], spec["also_needs"].get("window", 6))
                        if spec.get("also_needs") else None),
            refine_nearest=bool(spec.get("refine_nearest", False)),
            anaphoric=bool(spec.get("anaphoric", False)),
            needs_enclitic=bool((spec.get("needs") or {}).get("enclitic", True)),
            parties=(Refinement(tuple(norm(c) for c in spec["parties"]["context"]), spec["event_type"],
                                spec["sub_event_type"], spec["parties"].get("window", 8)) if spec.get("parties") else None),
            name_heads=frozenset(norm(x) for x in spec.get("name_heads", []) or []),
            not_after=frozenset(norm(x) for x in spec.get("not_after", []) or []),
            subject=frozenset(norm(x) for x in spec.get("subject", []) or []),
            if_target=spec.get("if_target", {}) or {},
            refine=tuple(
                Refinement(tuple(norm(c) for c in r["context"]), r["event_type"], r["sub_event_type"], r.get("window"))
                for r in spec.get("refine", []) or []
            ),
        )
        trig: list[Trigger] = []
        for v in spec.get("verbs", []) or []:
            forms = inflect(v)
            for tense in ("perfect", "imperfect"):
                trig += [Trigger(frame, (f,), "verb", tense=tense) for f in sorted(forms[tense])]
            trig += [Trigger(frame, (f,), "verb", future=True, tense="imperfect") for f in sorted(forms["future"])]
        for n in spec.get("nouns", []) or []:
            words = tuple(norm(n).split())
            trig.append(Trigger(frame, words, "noun" if len(words) == 1 else "phrase"))
        for ph in spec.get("phrases", []) or []:
            trig.append(Trigger(frame, tuple(norm(ph).split()), "phrase"))
        out.append((frame, trig))
    return out


@dataclass(frozen=True)
class FrameSet:
    frames: tuple[Frame, ...]
    # first word -> triggers starting with it (longest first)
    index: dict = field(hash=False, compare=False)
    version: str = ""

    def candidates(self, word: str) -> list[Trigger]:
        return self.index.get(word, [])


def frame_files(dirs: tuple[Path, ...] = ()) -> list[Path]:
    files = sorted(FRAMES_DIR.glob("*.yaml"))
    for d in dirs:
        files += sorted(Path(d).glob("*.yaml"))
    return files


@lru_cache(maxsize=8)
def load_frames(dirs: tuple[Path, ...] = ()) -> FrameSet:
    """All frames: the built-in ones, then each user directory's, same loader."""
    from ..versions import digest_files

    by_rule: dict[str, tuple[Frame, list[Trigger]]] = {}
    files = frame_files(dirs)
    for f in files:
        for frame, trig in _load_file(f):
            by_rule[frame.rule] = (frame, trig)
    index: dict[str, list[Trigger]] = {}
    for _frame, trig in by_rule.values():
        for t in trig:
            index.setdefault(t.words[0], []).append(t)
    for k in index:
        # longest phrases first; for equal length, stronger frames first
        index[k].sort(key=lambda t: (-len(t.words), -t.frame.strength))
    return FrameSet(tuple(f for f, _ in by_rule.values()), index, digest_files(files))


def validate_frames(dirs: tuple[Path, ...] = ()) -> list[str]:
    """Problems in frame files (unknown types, sub-types, duplicate ids)."""
    from ..models import EVENT_TYPES

    problems = []
    for f in frame_files(dirs):
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            problems.append(f"{f}: not valid YAML: {e}")
            continue
        seen = set()
        for spec in data.get("frames", []):
            fid = spec.get("id")
            if not fid or fid in seen:
                problems.append(f"{f}: missing or duplicate id {fid!r}")
            seen.add(fid)
            et, st = spec.get("event_type"), spec.get("sub_event_type")
            if et not in EVENT_TYPES:
                problems.append(f"{f}#{fid}: unknown event_type {et!r}")
            elif st != "@capture" and st not in EVENT_TYPES[et]:
                problems.append(f"{f}#{fid}: {st!r} is not a sub-type of {et}")
            for r in spec.get("refine", []) or []:
                if r.get("sub_event_type") not in EVENT_TYPES.get(r.get("event_type"), ()):
                    problems.append(f"{f}#{fid}: bad refine {r}")
            if not (spec.get("verbs") or spec.get("nouns") or spec.get("phrases")):
                problems.append(f"{f}#{fid}: no triggers")
    return problems


def sub_type(frame_sub: str, actor1_is_state: Optional[bool]) -> str:
    if frame_sub == "@capture":
        return "Government regains territory" if actor1_is_state else "Non-state actor overtakes territory"
    return frame_sub
