"""The document record (``shared/spec/output.md``) as typed pydantic models.

This module *is* the public contract: every stage reads or writes these models,
the CLI prints them, the store keeps them, the exports flatten them. Adding a
field is allowed; renaming one or changing its meaning needs a new ``SCHEMA``.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "rasd.document/1"

EntityType = Literal["ACTOR", "PERSON", "LOCATION", "DATE", "QUANTITY", "SOURCE"]
Modality = Literal["asserted", "claimed", "negated", "hypothetical", "future"]
RelationType = Literal[
    "front_for",
    "pledged_allegiance",
    "affiliated_with",
    "merged_into",
    "renamed_from",
    "allied_with",
    "supports",
    "ideologically_close",
    "leads",
    "member_of",
    "headquartered_in",
    "controls",
]
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Grenade",
        "Chemical weapon",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
EXPORTED_MODALITIES = ("asserted", "claimed")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Character offsets into ``Document.text`` (Python indices, end exclusive)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


Evidence = Span


class Warning_(_Model):
    code: str
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


class Source(_Model):
    outlet: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")


class Provenance(_Model):
    rasd: str
    kb: Optional[str] = None
    gazetteer: Optional[str] = None


class Location(_Model):
    name: Optional[str] = Field(None, description="English name when known")
    name_ar: Optional[str] = None
    country: Optional[str] = None
    iso: Optional[int] = Field(None, description="ISO 3166 numeric (ACLED's iso)")
    country_code: Optional[str] = Field(None, description="ISO 3166 alpha-2")
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = Field(None, ge=1, le=3)
    ref: Optional[str] = None
    mention: Optional[str] = None


class Entity(_Model):
    id: str
    type: EntityType
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    ref: Optional[str] = None
    tags: list[str] = Field(default_factory=list)
    location: Optional[Location] = None
    date: Optional[str] = None
    time_precision: Optional[int] = None
    value: Optional[float] = Field(None, description="numeric value of a QUANTITY")


class Actor(_Model):
    ref: Optional[str] = None
    name: str
    name_ar: Optional[str] = None
    inter: Optional[int] = Field(None, ge=1, le=8)
    mention: Optional[str] = None


class Event(_Model):
    id: str
    event_type: EventType
    sub_event_type: str
    plover: Optional[str] = None
    event_date: Optional[str] = None
    time_precision: Optional[int] = Field(None, ge=1, le=3)
    actor1: Optional[Actor] = None
    assoc_actor_1: list[Actor] = Field(default_factory=list)
    actor2: Optional[Actor] = None
    assoc_actor_2: list[Actor] = Field(default_factory=list)
    location: Optional[Location] = None
    fatalities: Optional[int] = Field(None, ge=0)
    modality: Modality = "asserted"
    attribution: Optional[str] = None
    evidence: Span
    notes: Optional[str] = None
    rule: Optional[str] = None
    confidence: float = Field(ge=0.0, le=1.0)


class RelationEnd(_Model):
    ref: Optional[str] = None
    name: str
    mention: Optional[str] = None


class Relation(_Model):
    type: RelationType
    source: RelationEnd
    target: RelationEnd
    evidence: Span
    confidence: Optional[float] = Field(None, ge=0.0, le=1.0)
    rule: Optional[str] = None


class Document(_Model):
    schema_: str = Field(SCHEMA, alias="schema")
    doc_id: str
    content_hash: str
    source: Source = Field(default_factory=Source)
    language: Optional[str] = None
    title: Optional[str] = None
    text: str
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    provenance: Provenance
    warnings: list[Warning_] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def entity(self, entity_id: str) -> Optional[Entity]:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None


def json_schema() -> dict:
    """The JSON Schema of the document record (``rasd schema`` prints it)."""
    schema = Document.model_json_schema(by_alias=True)
    schema["$id"] = "https://rasd.invalid/schema/" + SCHEMA
    schema["title"] = SCHEMA
    return schema
