"""Loading, indexing, validating and querying the actor knowledge base."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

import yaml
from pydantic import ValidationError

from ..text import norm
from ..versions import digest_files
from .schema import KBActor, KBPerson, KBSource, Lexicon

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

# Proclitic chains allowed before an alias: conjunction? preposition?  (ال is part of the alias;
# ل + ال, written لل, is handled by indexing a "لل…" variant of every definite alias, which only
# a conjunction may precede).
CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")
PROCLITICS: frozenset[str] = frozenset([""] + list(CONJ) + list(PREP) + [c + p for c in CONJ for p in PREP])
PROCLITICS_LIL: frozenset[str] = frozenset(("",) + CONJ)  # before a "لل…" variant

# ACLED interaction codes by actor type (state-like types are 1 at home, 8 abroad).
_STATE_LIKE = {"state_forces", "police", "government", "state"}
_INTER = {
    "external_coalition": 8,
    "rebel": 2,
    "political_militia": 3,
    "unidentified": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "media": 7,
    "international_org": 7,
}

SECTIONS = ("actors", "people", "sources", "lexicon")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge base, as ``rasd kb validate`` prints it."""

    code: str  # schema, yaml, duplicate_alias, dangling_link, unknown_section
    message: str
    file: Optional[str] = None
    ids: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        return f"{where}[{self.code}] {self.message}"


@dataclass(frozen=True)
class SurfaceForm:
    """One normalised key of the index and why it is there."""

    key: str  # normalised surface
    target: str  # actor:…, person:…, source:…, or a lexicon word class ("backref:الهيئة")
    kind: str  # alias | member | weak | generated | backref | nationality | person | source
    origin: str  # how it was produced, for `rasd kb lookup`
    branch: Optional[str] = None  # generated forms: the branch (military/police/…)
    country: Optional[str] = None  # generated forms / nationalities: the country
    gender: Optional[str] = None  # generated forms ending in a nisba: "m" or "f"
    taa: bool = False  # written with a final ة ("رعاة"): a text word ending in ه ("رعاه") is another word


@dataclass(frozen=True)
class LookupResult:
    surface: str
    normalized: str
    prefix: str  # proclitics stripped ("" when none)
    key: Optional[str]  # the indexed form that matched
    forms: tuple[SurfaceForm, ...] = ()

    @property
    def actor_ids(self) -> list[str]:
        return sorted({f.target for f in self.forms if f.target.startswith("actor:")})

    @property
    def found(self) -> bool:
        return bool(self.forms)


def _clean_key(s: str) -> str:
    return " ".join(norm(s).split())


def _member_variants(form: str) -> list[str]:
    """Morphological variants of a plural/demonym: ± article, nominative ون ↔ oblique ين."""
    out = {form}
    words = form.split(" ")
    if all(w.endswith("ون") for w in words):  # nominative -> oblique, every word agrees
        out.add(" ".join(w[:-2] + "ين" for w in words))
    elif all(w.endswith("ين") and len(w) > 4 for w in words):
        out.add(" ".join(w[:-2] + "ون" for w in words))
    for f in list(out):
        if " " in f:
            continue
        if f.startswith("ال") and len(f) > 4:
            out.add(f[2:])
        elif not f.startswith("ال"):
            out.add("ال" + f)
    return sorted(out)


@dataclass(eq=False)
class KnowledgeBase:
    """The merged knowledge base. Build it with :func:`load`; treat it as read-only."""

    actors: dict[str, KBActor] = field(default_factory=dict)
    people: dict[str, KBPerson] = field(default_factory=dict)
    sources: dict[str, KBSource] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    files: tuple[Path, ...] = ()
    origin: dict[str, str] = field(default_factory=dict)  # id -> file it came from
    load_problems: list[Problem] = field(default_factory=list)
    index: dict[str, list[SurfaceForm]] = field(default_factory=dict)
    adjectives: dict[str, dict[str, str]] = field(default_factory=dict)  # "m"/"f" -> nisba -> country
    branches: dict[tuple[str, str], str] = field(default_factory=dict)  # (branch, country) -> actor id
    _automaton: object = None

    # ------------------------------------------------------------------ queries
    def get(self, ref: Optional[str]):
        """The actor, person or source with this ref (``actor:hts``), or None."""
        if not ref:
            return None
        return self.actors.get(ref) or self.people.get(ref) or self.sources.get(ref)

    def state_of(self, country: Optional[str]) -> Optional[KBActor]:
        if not country:
            return None
        return self.actors.get(self.branches.get(("state", country), ""))

    def country_name(self, country: Optional[str]) -> Optional[str]:
        st = self.state_of(country)
        return st.name if st else country

    def lookup(self, surface: str) -> LookupResult:
        """What a surface form resolves to and why (exact form, or after stripping proclitics)."""
        n = _clean_key(surface)
        if n in self.index:
            return LookupResult(surface, n, "", n, tuple(self.index[n]))
        for p in sorted(PROCLITICS, key=len, reverse=True):
            if p and n.startswith(p) and n[len(p):] in self.index:
                rest = n[len(p):]
                return LookupResult(surface, n, p, rest, tuple(self.index[rest]))
        for p in sorted(PROCLITICS_LIL, key=len, reverse=True):
            if n.startswith(p + "لل") and len(n) > len(p) + 3:
                rest = "ال" + n[len(p) + 2:]
                if rest in self.index:
                    return LookupResult(surface, n, p + "ل", rest, tuple(self.index[rest]))
        return LookupResult(surface, n, "", None, ())

    def stats(self) -> dict:
        by_country: dict[str, int] = {}
        by_type: dict[str, int] = {}
        for a in self.actors.values():
            by_country[a.country or "—"] = by_country.get(a.country or "—", 0) + 1
            by_type[a.type] = by_type.get(a.type, 0) + 1
        actor_forms = {k for k, fs in self.index.items() if any(f.target.startswith("actor:") for f in fs)}
        return {
            "actors": len(self.actors),
            "people": len(self.people),
            "sources": len(self.sources),
            "actor_surface_forms": len(actor_forms),
            "surface_forms": len(self.index),
            "files": len(self.files),
            "by_country": dict(sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_type": dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        }

    # --------------------------------------------------------------- automaton
    @property
    def automaton(self):
        """A pyahocorasick automaton over every indexed key (and its "لل" variant), built once."""
        if self._automaton is None:
            import ahocorasick

            A = ahocorasick.Automaton()
            for key in self.index:
                A.add_word(key, (len(key), key, False))
                if key.startswith("ال") and len(key) > 3:
                    lil = "لل" + key[2:]  # ل + ال is written لل: "للجيش السوري"
                    if lil not in self.index:
                        A.add_word(lil, (len(lil), key, True))
            A.make_automaton()
            self._automaton = A
        return self._automaton


# ---------------------------------------------------------------------- loading
def kb_files(kb_dirs: Iterable[Path] = ()) -> list[Path]:
    """The YAML files, built-in first, then each user directory in order (sorted within)."""
    out: list[Path] = []
    for d in (BUILTIN_DIR, *[Path(x) for x in kb_dirs]):
        d = Path(d)
        if d.is_file():
            out.append(d)
        elif d.is_dir():
            out.extend(sorted(p for p in d.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
    return out


def version(kb_dirs: Iterable[Path] = ()) -> str:
    """Content digest of the knowledge base files (goes into ``provenance.kb``)."""
    return digest_files(kb_files(tuple(kb_dirs)))


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(BUILTIN_DIR.parent.parent))
    except ValueError:
        return str(path)


def _merge_lexicon(base: Lexicon, new: Lexicon) -> Lexicon:
    d = base.model_dump()
    for k, v in new.model_dump().items():
        if isinstance(v, dict):
            for kk, vv in v.items():
                if isinstance(vv, list) and isinstance(d[k].get(kk), list):
                    d[k][kk] = d[k][kk] + [x for x in vv if x not in d[k][kk]]
                elif isinstance(vv, dict) and isinstance(d[k].get(kk), dict) and k == "generic_names":
                    d[k][kk] = {**d[k][kk], **vv}
                else:
                    d[k][kk] = vv
        elif isinstance(v, list):
            d[k] = d[k] + [x for x in v if x not in d[k]]
    return Lexicon.model_validate(d)


def _read(kb: KnowledgeBase, path: Path) -> None:
    fname = _rel(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, OSError, UnicodeDecodeError) as e:
        kb.load_problems.append(Problem("yaml", f"cannot read: {str(e).splitlines()[0]}", fname))
        return
    if data is None:
        return
    if not isinstance(data, dict):
        kb.load_problems.append(Problem("schema", "top level must be a mapping with actors/people/sources/lexicon", fname))
        return
    for key in data:
        if key not in SECTIONS:
            kb.load_problems.append(Problem("unknown_section", f"unknown section {key!r} (expected one of {', '.join(SECTIONS)})", fname))
    for section, model, store in (("actors", KBActor, kb.actors), ("people", KBPerson, kb.people), ("sources", KBSource, kb.sources)):
        for i, raw in enumerate(data.get(section) or []):
            try:
                entry = model.model_validate(raw)
            except ValidationError as e:
                ident = raw.get("id", f"#{i + 1}") if isinstance(raw, dict) else f"#{i + 1}"
                errs = "; ".join(f"{'.'.join(str(x) for x in er['loc'])}: {er['msg']}" for er in e.errors()[:3])
                kb.load_problems.append(Problem("schema", f"{section} entry {ident}: {errs}", fname, (str(ident),)))
                continue
            store[entry.id] = entry  # later files (user dirs) replace earlier entries with the same id
            kb.origin[entry.id] = fname
    if data.get("lexicon"):
        try:
            kb.lexicon = _merge_lexicon(kb.lexicon, Lexicon.model_validate(data["lexicon"]))
        except ValidationError as e:
            errs = "; ".join(f"{'.'.join(str(x) for x in er['loc'])}: {er['msg']}" for er in e.errors()[:3])
            kb.load_problems.append(Problem("schema", f"lexicon: {errs}", fname))


def _add(kb: KnowledgeBase, form: SurfaceForm) -> None:
    if not form.key:
        return
    lst = kb.index.setdefault(form.key, [])
    if not any(f.target == form.target and f.kind == form.kind for f in lst):
        lst.append(form)


def _build_index(kb: KnowledgeBase) -> None:
    lex = kb.lexicon
    # nisba adjectives of each state, and which actor is which branch of which country
    kb.adjectives = {"m": {}, "f": {}}
    for a in kb.actors.values():
        if a.type == "state" and a.country:
            kb.branches[("state", a.country)] = a.id
            for adj in a.adjectives:
                kb.adjectives["m"][_clean_key(adj)] = a.country
            for adj in a.adjectives_f:
                kb.adjectives["f"][_clean_key(adj)] = a.country
        elif a.branch and a.country:
            kb.branches[(a.branch, a.country)] = a.id
    for a in kb.actors.values():
        src = kb.origin.get(a.id, "?")
        for s in [a.name_ar, *a.aliases]:
            _add(kb, SurfaceForm(_clean_key(s), a.id, "alias", f"alias {s!r} in {src}", taa=s.rstrip().endswith("ة")))
        for s in a.members:
            for v in _member_variants(_clean_key(s)):
                how = f"member form {s!r}" + ("" if v == _clean_key(s) else f" (variant {v!r})")
                _add(kb, SurfaceForm(v, a.id, "member", f"{how} in {src}"))
        for s in a.weak_aliases:
            _add(kb, SurfaceForm(_clean_key(s), a.id, "weak",
                                 f"weak alias {s!r} in {src}: accepted only when the document names the actor unambiguously"))
    # generated branch forms, after every explicit alias: an actor that lists a form explicitly
    # keeps it ("الجيش الليبي" is the LNA's, not generated for Libya's military)
    explicit: dict[str, set] = {}
    for lst in kb.index.values():
        for f in lst:
            if f.kind in ("alias", "member"):
                explicit.setdefault(f.key, set()).add(f.target)
    for a in kb.actors.values():
        if a.branch and a.country and a.branch in lex.templates:
            state = kb.state_of(a.country)
            if state is None:
                continue
            names = [state.name_ar, *state.aliases]
            for tpl in lex.templates[a.branch]:
                gender = "m" if tpl.rstrip().endswith("{m}") else "f" if tpl.rstrip().endswith("{f}") else None
                fills = ([("m", x) for x in state.adjectives] if "{m}" in tpl else []) + \
                        ([("f", x) for x in state.adjectives_f] if "{f}" in tpl else []) + \
                        ([("s", x) for x in names] if "{s}" in tpl else [])
                for slot, val in fills:
                    s = tpl.replace("{" + slot + "}", val)
                    if "{" in s or explicit.get(_clean_key(s), {a.id}) != {a.id}:
                        continue
                    _add(kb, SurfaceForm(_clean_key(s), a.id, "generated",
                                         f"template {tpl!r} with {val!r} ({a.branch} of {a.country}, lexicon)",
                                         branch=a.branch, country=a.country, gender=gender))
    for p in kb.people.values():
        for s in [p.name_ar, *p.aliases]:
            _add(kb, SurfaceForm(_clean_key(s), p.id, "person", f"person name {s!r} in {kb.origin.get(p.id)}"))
    for so in kb.sources.values():
        for s in [so.name_ar, *so.aliases]:
            _add(kb, SurfaceForm(_clean_key(s), so.id, "source", f"source name {s!r} in {kb.origin.get(so.id)}"))
    for word in lex.backrefs:
        _add(kb, SurfaceForm(_clean_key(word), f"backref:{_clean_key(word)}", "backref",
                             f"back-reference {word!r}: resolves to the last compatible full mention"))
    for word in lex.source_backrefs:
        _add(kb, SurfaceForm(_clean_key(word), "source_backref", "source_backref",
                             f"source back-reference {word!r}: the last SOURCE named"))
    for word, cc in lex.nationalities.items():
        for v in _member_variants(_clean_key(word)):
            _add(kb, SurfaceForm(v, f"nationality:{cc or '-'}", "nationality",
                                 f"nationality plural {word!r}: foreign fighters", country=cc))


@functools.lru_cache(maxsize=16)
def _load_cached(dirs: tuple[Path, ...]) -> KnowledgeBase:
    kb = KnowledgeBase()
    files = kb_files(dirs)
    for d in dirs:
        if not Path(d).exists():
            kb.load_problems.append(Problem("yaml", f"knowledge-base directory not found: {d}", str(d)))
    kb.files = tuple(files)
    for f in files:
        _read(kb, f)
    _build_index(kb)
    return kb


def load(kb_dirs: Iterable[Union[str, Path]] = ()) -> KnowledgeBase:
    """Load the built-in knowledge base with user directories layered on top (cached per paths)."""
    return _load_cached(tuple(Path(d).resolve() for d in kb_dirs))


# ------------------------------------------------------------------- validation
def validate(kb: KnowledgeBase) -> list[Problem]:
    """Schema problems, duplicate aliases across actors (with both ids) and dangling links."""
    problems = list(kb.load_problems)
    for key, forms in sorted(kb.index.items()):
        strong = sorted({f.target for f in forms if f.target.startswith("actor:") and f.kind in ("alias", "member", "generated")})
        if len(strong) > 1:
            problems.append(Problem("duplicate_alias", f"{key!r} names {' and '.join(strong)}", None, tuple(strong)))
        people = sorted({f.target for f in forms if f.kind == "person"})
        if len(people) > 1:
            problems.append(Problem("duplicate_alias", f"{key!r} names {' and '.join(people)}", None, tuple(people)))
    known = set(kb.actors) | set(kb.people)
    for a in kb.actors.values():
        links = [("predecessor", a.predecessor), ("successor", a.successor)] + [(f"relations.{r.type}", r.target) for r in a.relations]
        for what, target in links:
            if target and target not in known:
                problems.append(Problem("dangling_link", f"{a.id} {what} -> {target}: no such id", kb.origin.get(a.id), (a.id, target)))
        if a.branch and a.branch != "state" and a.country and kb.state_of(a.country) is None:
            problems.append(Problem("dangling_link", f"{a.id} has branch {a.branch!r} but no state actor for {a.country}",
                                    kb.origin.get(a.id), (a.id,)))
    for p in kb.people.values():
        if p.affiliation and p.affiliation not in kb.actors:
            problems.append(Problem("dangling_link", f"{p.id} affiliation -> {p.affiliation}: no such actor", kb.origin.get(p.id), (p.id, p.affiliation)))
    for word, rule in kb.lexicon.backrefs.items():
        if not rule.heads and not rule.types and not rule.pair:
            problems.append(Problem("schema", f"back-reference {word!r} needs heads, types or pair", None))
    return problems


# -------------------------------------------------------------------- inter code
def inter_code(actor, event_country_code: Optional[str] = None, kb: Optional[KnowledgeBase] = None) -> Optional[int]:
    """ACLED ``inter`` of an actor in an event in ``event_country_code``.

    ``actor`` is a :class:`KBActor`, an ``actor:…`` ref, or an actor type string.
    State forces (and police, governments, states) are 1 at home and 8 abroad; rebels 2;
    political militias and unidentified armed groups 3; identity militias 4; rioters 5;
    protesters 6; civilians 7; external coalitions 8.
    """
    if isinstance(actor, str):
        if actor.startswith("actor:"):
            actor = (kb or load()).get(actor)
            if actor is None:
                return None
        else:
            return 1 if actor in _STATE_LIKE else _INTER.get(actor)
    typ, home = actor.type, actor.country
    if typ in _STATE_LIKE:
        if event_country_code and home and home != event_country_code.upper():
            return 8
        return 1
    return _INTER.get(typ)


_GENERIC_KINDS = {
    "civilians": "actor:generic-civilians",
    "unidentified": "actor:generic-unidentified",
    "protesters": "actor:generic-protesters",
    "rioters": "actor:generic-rioters",
    "opposition": "actor:generic-opposition",
    "state-forces": "actor:generic-state-forces",
    "police": "actor:generic-police",
}


def generic_actor(kind: str, country_code: Optional[str], kb: Optional[KnowledgeBase] = None) -> tuple[str, Optional[int]]:
    """English name and ``inter`` of a generic actor in a country.

    ``kind`` is ``civilians``, ``unidentified``, ``protesters``, ``rioters``, ``opposition``,
    ``state-forces``, ``police`` or a generic ref (``actor:generic-civilians``):
    ``generic_actor("civilians", "IQ") == ("Civilians (Iraq)", 7)``. A generic with a ``branch``
    ("القوات الحكومية": military, "قوات الأمن": police) takes the name of that branch of the
    country when the KB has it: ``generic_actor("state-forces", "SY") == ("Military Forces of Syria", 1)``.
    """
    kb = kb or load()
    ref = _GENERIC_KINDS.get(kind, kind)
    a = kb.get(ref)
    if a is None or not isinstance(a, KBActor):
        raise KeyError(f"unknown generic actor: {kind}")
    cc = country_code.upper() if country_code else None
    override = kb.lexicon.generic_names.get(a.id, {})
    branch_actor = kb.actors.get(kb.branches.get((a.branch, cc), "")) if a.branch and cc else None
    if cc and cc in override:
        name = override[cc]
    elif branch_actor is not None:
        name = branch_actor.name
    else:
        cname = kb.country_name(cc) if cc else None
        name = a.name.replace("{country}", cname) if cname else a.name.replace(" ({country})", "").replace("{country}", "")
    return name, inter_code(a, cc)
