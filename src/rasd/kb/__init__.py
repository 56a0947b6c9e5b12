"""The actor knowledge base: actors, people and sources as YAML data, one loader.

>>> from rasd import kb
>>> base = kb.load()                       # the built-in base
>>> base.get("actor:hts").name
'Hayat Tahrir al-Sham'
>>> base.lookup("الدواعش").actor_ids
['actor:is']
>>> kb.inter_code(base.get("actor:mil-tr"), "SY")   # Turkish forces in Syria
8

The built-in files (``rasd/data/actors/**/*.yaml``) and a user's ``--kb DIR`` go
through the same :func:`load`; user files are layered on top (an entry with an
existing id replaces it). See ``docs/actors.md`` for the file format.
"""
from __future__ import annotations

from .loader import (
    BUILTIN_DIR,
    KnowledgeBase,
    LookupResult,
    Problem,
    SurfaceForm,
    generic_actor,
    inter_code,
    kb_files,
    load,
    validate,
    version,
)
from .schema import KBActor, KBPerson, KBRelation, KBSource, Lexicon

__all__ = [
    "BUILTIN_DIR", "KnowledgeBase", "LookupResult", "Problem", "SurfaceForm", "generic_actor", "inter_code",
    "kb_files", "load", "validate", "version", "KBActor", "KBPerson", "KBRelation", "KBSource", "Lexicon",
]
