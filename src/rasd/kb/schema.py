"""The actor knowledge base schema: what one YAML entry may say.

Every file under ``rasd/data/actors/`` (and every file of a user ``--kb DIR``) is a
mapping with any of the sections ``actors``, ``people``, ``sources`` and ``lexicon``;
each entry of the first three is validated by the models below (unknown keys are errors,
so a typo in a field name is caught by ``rasd kb validate``).
"""
from __future__ import annotations

import typing

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..models import RelationType as RecordRelationType

ActorType = Literal[
    "state_forces",  # a state's military (and its branches: air force, navy…)
    "police",  # a state's police / security / intelligence forces
    "government",  # a government or state institution acting politically
    "state",  # a country as a political entity (تركيا، روسيا)
    "external_coalition",  # multinational forces (Saudi-led coalition, OIR, AMISOM)
    "rebel",  # non-state groups fighting the state for control
    "political_militia",  # armed groups serving a political goal, pro-government militias
    "identity_militia",  # tribal, clan, ethnic or communal armed groups
    "unidentified",  # unidentified armed groups
    "civilians",
    "protesters",
    "rioters",
    "media",  # journalists and outlets as actors (e.g. a targeted reporter)
    "international_org",  # UN agencies, NGOs, observers
]

# the record's twelve relation types, plus two the knowledge base also keeps
RELATION_TYPES = typing.get_args(RecordRelationType) + ("split_from", "part_of")
RelationKind = Literal[RELATION_TYPES]  # type: ignore[valid-type]

ID_ACTOR = r"^actor:[a-z0-9][a-z0-9-]*$"
ID_PERSON = r"^person:[a-z0-9][a-z0-9-]*$"
ID_SOURCE = r"^source:[a-z0-9][a-z0-9-]*$"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class KBRelation(_Entry):
    type: RelationKind
    target: str = Field(description="an actor:… (or person:…) id in the knowledge base")
    source: Optional[str] = Field(None, description="where the relation is stated (a reference)")
    since: Optional[int] = None


class KBActor(_Entry):
    id: str = Field(pattern=ID_ACTOR)
    name: str = Field(min_length=1, description="English canonical name, ACLED style")
    name_ar: str = Field(min_length=1)
    type: ActorType
    country: Optional[str] = Field(None, pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2; null = international")
    aliases: list[str] = Field(default_factory=list, description="Arabic surface forms of the name")
    members: list[str] = Field(default_factory=list, description="forms that denote members (الدواعش، الحوثيون)")
    weak_aliases: list[str] = Field(
        default_factory=list,
        description="ambiguous forms (a region, a common word) accepted only when the same document "
        "also names the actor unambiguously",
    )
    contexts: list[str] = Field(
        default_factory=list,
        description="countries (ISO alpha-2) where a weak alias names this actor even if the document does not "
        "name it unambiguously, when the document's other mentions point there most (none: never)",
    )
    branch: Optional[Literal["military", "police", "government", "state"]] = Field(
        None, description="generate aliases from lexicon.templates[branch] × the country's adjectives")
    adjectives: list[str] = Field(default_factory=list, description="state only: masculine nisba (السوري)")
    adjectives_f: list[str] = Field(default_factory=list, description="state only: feminine nisba (السورية)")
    active: Optional[str] = Field(None, pattern=r"^\d{4}-(\d{4})?$", description="years active: '2017-' or '2012-2017'")
    predecessor: Optional[str] = None
    successor: Optional[str] = None
    relations: list[KBRelation] = Field(default_factory=list)
    wikidata: Optional[str] = Field(None, pattern=r"^Q\d+$")
    notes: Optional[str] = None


class KBPerson(_Entry):
    id: str = Field(pattern=ID_PERSON)
    name: str
    name_ar: str
    aliases: list[str] = Field(default_factory=list)
    affiliation: Optional[str] = Field(None, description="actor:… the person belongs to")
    role: Optional[str] = None
    country: Optional[str] = Field(None, pattern=r"^[A-Z]{2}$")
    wikidata: Optional[str] = Field(None, pattern=r"^Q\d+$")


class KBSource(_Entry):
    id: str = Field(pattern=ID_SOURCE)
    name: str
    name_ar: str
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["agency", "broadcaster", "newspaper", "monitor", "official", "generic", "social"] = "agency"
    country: Optional[str] = Field(None, pattern=r"^[A-Z]{2}$")


class Lexicon(_Entry):
    """Recognition knowledge that is not an actor: templates, back-references, nationalities."""

    templates: dict[str, list[str]] = Field(
        default_factory=dict,
        description="branch -> alias patterns with {m} (masculine nisba) / {f} (feminine nisba) / {s} (state name)")
    backrefs: dict[str, "BackrefRule"] = Field(default_factory=dict)
    nationalities: dict[str, Optional[str]] = Field(
        default_factory=dict, description="plural demonym -> ISO alpha-2 (null when not a state)")
    fighter_nouns: list[str] = Field(default_factory=list, description="nouns that make a demonym 'foreign fighters'")
    group_nouns: list[str] = Field(default_factory=list, description="تنظيم، فصائل: words between a partitive and a group name")
    link_phrases: list[str] = Field(default_factory=list, description="phrases linking fighters to a group (في صفوف)")
    place_cues: list[str] = Field(default_factory=list, description="words after which a country name is a place")
    person_titles: list[str] = Field(default_factory=list)
    leader_phrases: list[str] = Field(default_factory=list, description="يقوده، بقيادة: a list of names follows")
    kunya_heads: list[str] = Field(default_factory=list, description="أبو، أبي، أم")
    name_stopwords: list[str] = Field(default_factory=list, description="words that end a person name")
    source_backrefs: list[str] = Field(default_factory=list, description="المصادر، المصدر: the last SOURCE named")
    generic_names: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="generic actor id -> {country code: English name} overriding '{country}'")


class BackrefRule(_Entry):
    heads: list[str] = Field(default_factory=list, description="antecedent must have an alias starting with one of these")
    types: list[str] = Field(default_factory=list, description="…or be of one of these actor types")
    pair: bool = Field(False, description="names the two sides last named (\"بين الطرفين\"): two actors over one span")
    home: bool = Field(False, description="prefer an antecedent of the country the document points to most "
                                          "(bare \"الجيش\" is the local army; foreign armies carry a nisba)")


Lexicon.model_rebuild()

__all__ = ["ActorType", "RELATION_TYPES", "KBRelation", "KBActor", "KBPerson", "KBSource", "Lexicon", "BackrefRule"]
