"""Input → clean text → document record: the one path every front end shares.

The CLI (``rasd extract``), the store's ingest command and the HTTP API all go
through the functions here:

* :func:`read_input` turns a path (or ``-`` for standard input) into a stream of
  :class:`RawDoc` — plain text, HTML, or JSON Lines (one document per line,
  streamed, constant memory). Bad bytes never raise: they become warnings.
* :func:`prepare_text` / :func:`prepare_html` clean one document: web footers
  removed (cue phrases from ``data/boilerplate.yaml`` + structural rules), title
  and publication date found when present.
* :func:`extract_raw` runs a :class:`~rasd.pipeline.Pipeline` on a RawDoc and
  always returns a :class:`~rasd.models.Document` (a failure becomes a warning).
* :func:`detect_language`: Arabic-letter ratio fast path, lingua otherwise.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator, Optional

import yaml

from .models import Document, Provenance, Source, Warning_
from .text import norm

DATA_DIR = Path(__file__).parent / "data"
BOILERPLATE_FILE = DATA_DIR / "boilerplate.yaml"

#: Longest text (in characters) that is extracted; longer inputs are cut at the
#: last paragraph break before this limit, with a ``truncated`` warning. A long
#: news article is ~20,000 characters; the full pipeline runs at roughly 4,000
#: characters/s, so this bounds one document to ~25 s and keeps a stray 1 GB file
#: from hanging a batch.
MAX_CHARS = 100_000
#: Bytes read from a plain text/HTML file at most (UTF-8 needs ≤ 4 bytes a char).
MAX_BYTES = MAX_CHARS * 4 + 4
#: A JSONL line longer than this is reported as malformed rather than parsed.
MAX_LINE_BYTES = 64 * 1024 * 1024

INPUT_FORMATS = ("text", "html", "jsonl")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
}


# --------------------------------------------------------------------------- data types
@dataclass
class Prepared:
    """A cleaned document: ``text`` starts with ``title`` when there is one."""

    text: str
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD when the input says
    warnings: list[Warning_] = field(default_factory=list)


@dataclass
class RawDoc:
    """One input document before cleaning."""

    doc_id: str
    content: str
    format: str = "text"  # "text" or "html"
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    warnings: list[Warning_] = field(default_factory=list)


def _w(code: str, message: str) -> Warning_:
    return Warning_(code=code, message=message)


# --------------------------------------------------------------------------- language
_AR = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_OTHER_LETTER = re.compile(r"[^\W\d_]")
# letters that Persian/Urdu/Kurdish use and Arabic does not
_NON_ARABIC_ARABIC_SCRIPT = re.compile(r"[پچژگکیۀےڈٹڑںھۆێڵ]")
# the same classes as runs: the characters of a class are counted as the total length of
# its runs, which is much faster than one match per character
_AR_RUNS = re.compile(_AR.pattern + "+")
_LETTER_RUNS = re.compile(_OTHER_LETTER.pattern + "+")
_LINGUA_SAMPLE = 3000


@lru_cache(maxsize=1)
def _language_detector():
    """A lingua detector over the languages rasd's inputs are likely to be in (built once)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.ARABIC, Language.ENGLISH, Language.FRENCH, Language.PERSIAN, Language.URDU,
             Language.TURKISH, Language.HEBREW, Language.RUSSIAN, Language.SPANISH, Language.GERMAN,
             Language.SOMALI]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def _lingua(text: str) -> Optional[str]:
    lang = _language_detector().detect_language_of(text[:_LINGUA_SAMPLE])
    return lang.iso_code_639_1.name.lower() if lang is not None else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("ar", "en", "fa", …); None when it has no letters.

    Fast path: when Arabic-script letters make up most of the letters and none of the
    Persian/Urdu-only letters are frequent, the answer is "ar" without a model.
    Otherwise lingua decides (on the first few thousand characters); "und" when it
    cannot.
    """
    sample = text[:20000]
    ar = sum(map(len, _AR_RUNS.findall(sample)))
    if 2 * ar >= len(sample) and _OTHER_LETTER.search(sample):
        # speed: letters <= len(sample), so ar / letters >= 0.5 already; the exact count
        # of letters (a second scan) can only matter below
        letters = len(sample)
    else:
        letters = sum(map(len, _LETTER_RUNS.findall(sample)))
    if letters == 0:
        return None
    if ar / letters >= 0.5:
        foreign = len(_NON_ARABIC_ARABIC_SCRIPT.findall(sample))
        if foreign <= 0.01 * ar:
            return "ar"
    try:
        return _lingua(sample) or "und"
    except Exception:  # lingua unavailable: fall back to the script ratio
        return "ar" if ar / letters >= 0.5 else "und"


# --------------------------------------------------------------------------- boilerplate
@dataclass(frozen=True)
class Boilerplate:
    """Footer cue patterns and the structural thresholds, as loaded from YAML."""

    cues: tuple[tuple[str, re.Pattern], ...]  # (family, compiled pattern)
    long_paragraph_words: int = 25
    long_paragraph_chars: int = 180
    max_cue_words: int = 16
    title_max_words: int = 30
    title_max_chars: int = 250

    def cue(self, line: str) -> Optional[str]:
        """The cue family ``line`` starts with, or None."""
        key = _line_key(line)
        if not key:
            return None
        for family, pat in self.cues:
            if pat.match(key):
                return family
        return None


def _fold_pattern(pattern: str) -> str:
    """Normalise the Arabic of a regex the way :func:`rasd.text.norm` does, leaving ASCII
    (regex syntax) untouched."""
    return "".join(ch if ord(ch) < 0x80 else norm(ch) for ch in pattern)


_LEAD_JUNK = re.compile(r"^[\W_]+")


def _line_key(line: str) -> str:
    """A line as cue patterns see it: normalised, lower-case, leading bullets dropped."""
    return _LEAD_JUNK.sub("", re.sub(r"\s+", " ", norm(line)).strip()) if line.strip() else ""


@lru_cache(maxsize=8)
def load_boilerplate(path: Path = BOILERPLATE_FILE) -> Boilerplate:
    """Load (and cache) a boilerplate cue file; see ``data/boilerplate.yaml``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    cues = []
    for family, patterns in (data.get("cues") or {}).items():
        for p in patterns or ():
            cues.append((family, re.compile(_fold_pattern(str(p)), re.IGNORECASE)))
    structure = data.get("structure") or {}
    known = {k: int(v) for k, v in structure.items() if k in Boilerplate.__dataclass_fields__}
    return Boilerplate(cues=tuple(cues), **known)


def _words(line: str) -> int:
    return len(line.split())


def _is_long(line: str, bp: Boilerplate) -> bool:
    s = line.strip()
    return _words(s) >= bp.long_paragraph_words or len(s) >= bp.long_paragraph_chars


def strip_footer(text: str, bp: Optional[Boilerplate] = None) -> tuple[str, Optional[str]]:
    """Cut trailing web boilerplate from ``text``.

    Rule: consider the lines after the last long paragraph; the first of them that
    starts with a footer cue (and is itself short) begins the footer, which is
    dropped with everything after it. Returns ``(text, family of the cue or None)``.
    """
    bp = bp or load_boilerplate()
    lines = text.split("\n")
    last_long = -1
    for i, line in enumerate(lines):
        if _is_long(line, bp) and not (_words(line) <= bp.max_cue_words and bp.cue(line)):
            last_long = i
    for i in range(last_long + 1, len(lines)):
        line = lines[i]
        if not line.strip() or _words(line) > bp.max_cue_words:
            continue
        family = bp.cue(line)
        if family:
            if i == 0:  # the whole text is boilerplate-looking: keep it, it is all we have
                return text, None
            return "\n".join(lines[:i]).rstrip(), family
    return text, None


# --------------------------------------------------------------------------- cleaning
_BLANK_RUNS = re.compile(r"\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+")
_SENTENCE_END = re.compile(r"[.!?؟…:؛]\s*$")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n").lstrip() if text.strip() else ""


def find_title(text: str, bp: Optional[Boilerplate] = None) -> Optional[str]:
    """The first line when it is short, does not end like a sentence, and a blank
    line follows it (the way scraped articles put their headline)."""
    bp = bp or load_boilerplate()
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if not first or not sep or not rest.startswith("\n") or not rest.strip():
        return None
    if _words(first) > bp.title_max_words or len(first) > bp.title_max_chars:
        return None
    if first.endswith(".") and not first.endswith(".."):
        return None
    return first


def truncate(text: str, limit: int = MAX_CHARS) -> tuple[str, Optional[Warning_]]:
    """Cut ``text`` to at most ``limit`` characters at a paragraph (else line, else word) break."""
    if len(text) <= limit:
        return text, None
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind("\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit
    return text[:cut].rstrip(), _w("truncated", f"the text has {len(text):,} characters; only the first "
                                   f"{cut:,} (limit {limit:,}) were extracted")


def prepare_text(raw: str, *, title: Optional[str] = None, max_chars: int = MAX_CHARS) -> Prepared:
    """Clean plain text: tidy line ends, find the title, drop the web footer, truncate.

    When ``title`` is given it is used instead of guessing; ``text`` always starts
    with the title when there is one.
    """
    warnings: list[Warning_] = []
    text = _tidy(raw)
    bp = load_boilerplate()
    text, family = strip_footer(text, bp)
    if family:
        warnings.append(_w("boilerplate_removed", f"trailing web boilerplate removed (starting at a '{family}' line)"))
    text, w = truncate(text, max_chars)
    if w:
        warnings.append(w)
    if title:
        title = " ".join(title.split())
        if not text.startswith(title):
            text = f"{title}\n\n{text}" if text else title
    else:
        title = find_title(text, bp)
    return Prepared(text=text, title=title, published=None, warnings=warnings)


def _iso_date(value) -> Optional[str]:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)


def prepare_html(html: str, *, max_chars: int = MAX_CHARS) -> Prepared:
    """Extract the article of an HTML page with trafilatura (comments excluded), keep
    its title and date when present, then clean the text as :func:`prepare_text` does.
    A page with no article gives empty text and a ``no_article`` warning."""
    import trafilatura

    doc = None
    html = _NOSCRIPT.sub(" ", html)  # "enable JavaScript" notices are never the article
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True,
                                          favor_precision=False, deduplicate=False)
    except Exception as e:  # trafilatura raises on some malformed documents
        return Prepared(text="", warnings=[_w("no_article", f"the HTML could not be parsed ({type(e).__name__})")])
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return Prepared(text="", warnings=[_w("no_article", "the HTML page has no article text")])
    title = getattr(doc, "title", None)
    title = " ".join(title.split()) if title and title.strip() else None
    published = _iso_date(getattr(doc, "date", None))
    body = _tidy(body)
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    prepared = prepare_text(body, title=title, max_chars=max_chars)
    prepared.published = published
    return prepared


def prepare(raw: RawDoc, *, max_chars: int = MAX_CHARS) -> Prepared:
    """Clean a RawDoc according to its format."""
    if raw.format == "html":
        p = prepare_html(raw.content, max_chars=max_chars)
        if raw.title and p.title != raw.title:
            body = p.text[len(p.title):].lstrip() if p.title and p.text.startswith(p.title) else p.text
            p2 = prepare_text(body, title=raw.title, max_chars=max_chars) if body else Prepared("", raw.title)
            p2.published, p2.warnings = p.published, p.warnings + p2.warnings
            return p2
        return p
    return prepare_text(raw.content, title=raw.title, max_chars=max_chars)


# --------------------------------------------------------------------------- reading
def guess_format(name: str) -> str:
    """Input format from a file name's extension ("text" when unknown)."""
    n = name.lower()
    if n.endswith(".gz"):
        n = n[:-3]
    return _EXTENSIONS.get(Path(n).suffix, "text")


def _decode(data: bytes, where: str) -> tuple[str, list[Warning_], bool]:
    """Decode bytes robustly. Returns (text, warnings, is_binary)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), [], False
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    if b"\x00" in head:
        return "", [_w("binary_input", f"{where} looks binary (NUL bytes); nothing extracted")], True
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad:
        if bad > max(20, 0.1 * len(text)):
            return "", [_w("binary_input", f"{where} is not text ({bad} undecodable byte sequences); "
                                           "nothing extracted")], True
        return text, [_w("invalid_utf8", f"{where} is not valid UTF-8: {bad} byte sequence(s) replaced by U+FFFD")], False
    return text, [], False


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    if path.endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    return open(path, "rb")


def read_document(path: str, input_format: str, *, doc_id: Optional[str] = None) -> RawDoc:
    """Read one text or HTML document from ``path`` (``-`` = stdin), at most MAX_BYTES."""
    name = doc_id or ("stdin" if path == "-" else Path(path).name)
    f = _open_binary(path)
    try:
        data = f.read(MAX_BYTES + 1)
        more = len(data) > MAX_BYTES
        if more:
            data = data[:MAX_BYTES]
            # do not split a UTF-8 sequence
            while data and (data[-1] & 0xC0) == 0x80:
                data = data[:-1]
            if data and data[-1] >= 0xC0:
                data = data[:-1]
    finally:
        if f is not sys.stdin.buffer:
            f.close()
    text, warnings, binary = _decode(data, name)
    if more and not binary:
        warnings.append(_w("truncated", f"{name} is larger than {MAX_BYTES:,} bytes; only the beginning was read"))
    return RawDoc(doc_id=name, content=text, format=input_format, warnings=warnings)


_JSONL_FIELDS = ("doc_id", "title", "published", "outlet", "url")


def _jsonl_record(line: bytes, n: int) -> RawDoc:
    text, warnings, binary = _decode(line, f"line {n}")
    if binary:
        return RawDoc(doc_id=f"line:{n}", content="", warnings=[_w("malformed_line", f"line {n}: not text")])
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return RawDoc(doc_id=f"line:{n}", content="",
                      warnings=warnings + [_w("malformed_line", f"line {n}: not valid JSON ({e.msg} at column {e.colno})")])
    if not isinstance(obj, dict):
        return RawDoc(doc_id=f"line:{n}", content="",
                      warnings=warnings + [_w("malformed_line", f"line {n}: a JSON {type(obj).__name__}, not an object")])
    meta = {}
    for k in _JSONL_FIELDS:
        v = obj.get(k)
        if v is not None and not isinstance(v, str):
            v = str(v)
        meta[k] = v or None
    doc_id = meta.pop("doc_id") or f"line:{n}"
    if isinstance(obj.get("html"), str) and obj["html"].strip() and not (isinstance(obj.get("text"), str) and obj["text"].strip()):
        return RawDoc(doc_id=doc_id, content=obj["html"], format="html", warnings=warnings, **meta)
    body = obj.get("text")
    if not isinstance(body, str):
        warnings = warnings + [_w("malformed_line", f"line {n}: no 'text' or 'html' string field")]
        body = ""
    return RawDoc(doc_id=doc_id, content=body, format="text", warnings=warnings, **meta)


def read_jsonl(stream: IO[bytes]) -> Iterator[RawDoc]:
    """One RawDoc per non-blank line, in order, reading line by line (constant memory).
    A malformed line yields a RawDoc ``line:N`` with a ``malformed_line`` warning."""
    for n, line in enumerate(stream, start=1):
        if len(line) > MAX_LINE_BYTES:
            yield RawDoc(doc_id=f"line:{n}", content="",
                         warnings=[_w("malformed_line", f"line {n}: longer than {MAX_LINE_BYTES:,} bytes")])
            continue
        if not line.strip():
            continue
        yield _jsonl_record(line, n)


def read_input(path_or_stdin: str | Path, input_format: Optional[str] = None) -> Iterator[RawDoc]:
    """Documents from a file path or ``-`` (standard input).

    ``input_format`` is "text", "html" or "jsonl"; when None it is guessed from the
    extension (standard input: text). Raises ``OSError`` when the file cannot be opened.
    """
    path = str(path_or_stdin)
    fmt = input_format or ("text" if path == "-" else guess_format(path))
    if fmt not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {fmt!r} (choose from {', '.join(INPUT_FORMATS)})")
    if fmt == "jsonl":
        f = _open_binary(path)
        try:
            yield from read_jsonl(f)
        finally:
            if f is not sys.stdin.buffer:
                f.close()
    else:
        yield read_document(path, fmt)


def read_text(text: str, doc_id: str = "doc", input_format: str = "text") -> RawDoc:
    """A RawDoc from an in-memory string (for the API and tests)."""
    return RawDoc(doc_id=doc_id, content=text, format=input_format)


# --------------------------------------------------------------------------- extraction
def _valid_published(value: Optional[str], warnings: list[Warning_]) -> Optional[str]:
    if not value:
        return None
    iso = _iso_date(value)
    if iso is None:
        warnings.append(_w("bad_published", f"publication date {value!r} is not YYYY-MM-DD; ignored"))
    return iso


def extract_raw(pipeline, raw: RawDoc, *, published: Optional[str] = None, outlet: Optional[str] = None,
                url: Optional[str] = None, max_chars: int = MAX_CHARS) -> Document:
    """Clean ``raw`` and run ``pipeline`` on it. Never raises on bad content: a document
    that could not be processed yields a record with a warning that says why.

    ``published``/``outlet``/``url`` are defaults for documents that do not carry
    their own (a JSONL line's fields or an HTML page's date win).
    """
    warnings = list(raw.warnings)
    prepared = prepare(raw, max_chars=max_chars)
    seen = {w.code for w in warnings}
    warnings += [w for w in prepared.warnings if not (w.code == "truncated" and "truncated" in seen)]
    pub = _valid_published(raw.published or prepared.published or published, warnings)
    kw = dict(published=pub, outlet=raw.outlet or outlet, url=raw.url or url, doc_id=raw.doc_id)
    try:
        return pipeline.extract(prepared.text, title=prepared.title, warnings=warnings, **kw)
    except Exception as e:  # a bug in a component must not stop a batch
        return _failed_document(pipeline, prepared, warnings, e, **kw)


def _failed_document(pipeline, prepared: Prepared, warnings: list[Warning_], error: Exception, *,
                     published, outlet, url, doc_id) -> Document:
    from . import __version__
    from .pipeline import content_hash

    try:
        prov = pipeline.provenance()
    except Exception:
        prov = Provenance(rasd=__version__)
    msg = f"extraction failed ({type(error).__name__}: {str(error)[:200]}); no entities or events"
    return Document(
        doc_id=doc_id, content_hash=content_hash(prepared.text),
        source=Source(outlet=outlet, url=url, published=published),
        language=detect_language(prepared.text), title=prepared.title, text=prepared.text,
        provenance=prov, warnings=list(warnings) + [_w("extraction_failed", msg)],
    )


def extract_file(pipeline, path: str | Path, input_format: Optional[str] = None, **defaults) -> Iterator[Document]:
    """Records for every document in a file (``-`` = stdin), streamed in input order."""
    for raw in read_input(path, input_format):
        yield extract_raw(pipeline, raw, **defaults)


__all__ = ["Prepared", "RawDoc", "detect_language", "prepare_text", "prepare_html", "prepare",
           "strip_footer", "find_title", "truncate", "read_input", "read_jsonl", "read_document",
           "read_text", "guess_format", "extract_raw", "extract_file", "load_boilerplate",
           "MAX_CHARS", "INPUT_FORMATS"]
