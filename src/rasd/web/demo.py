"""Hand-made sample records for trying the web page and testing it.

``sample_documents()`` builds a few short wire-style Arabic reports (Syria, Iraq,
Yemen, Libya, Sudan) as complete document records, with entity and evidence
offsets computed from the text — so every offset is exact by construction.
They are demonstration data, written for this module, not extraction output.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..models import Actor, Document, Entity, Event, Location, Provenance, Relation, RelationEnd, Source, Span
from ..pipeline import content_hash


@dataclass
class Mention:
    surface: str
    type: str
    ref: Optional[str] = None
    nth: int = 0  # which occurrence of surface (0 = first)
    date: Optional[str] = None


@dataclass
class EventSpec:
    evidence: str
    event_type: str
    sub_event_type: str
    event_date: Optional[str]
    actor1: Optional[tuple[Optional[str], str, str, int]]  # (ref, name, name_ar, inter)
    actor2: Optional[tuple[Optional[str], str, str, int]]
    place: tuple[str, str, str, str, str, Optional[float], Optional[float], int]  # name, name_ar, country, cc, admin1, lat, lon, prec
    fatalities: Optional[int] = None
    modality: str = "asserted"


@dataclass
class Article:
    doc_id: str
    outlet: str
    published: str
    title: str
    body: str
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventSpec] = field(default_factory=list)
    relations: list[tuple[str, tuple[str, str], tuple[str, str], str]] = field(default_factory=list)


def find(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``surface`` in ``text`` (ValueError if absent)."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise ValueError(f"{surface!r} not in text")
    return start, start + len(surface)


ISO = {"SY": (760, "Syria"), "IQ": (368, "Iraq"), "YE": (887, "Yemen"), "LY": (434, "Libya"), "SD": (729, "Sudan")}


def build(article: Article) -> Document:
    """An :class:`Article` → a complete, schema-valid document record."""
    text = f"{article.title}\n\n{article.body}"
    entities: list[Entity] = []
    for m in article.mentions:
        s, e = find(text, m.surface, m.nth)
        entities.append(Entity(id=f"e{len(entities) + 1}", type=m.type, text=text[s:e], start=s, end=e, ref=m.ref,
                               date=m.date, time_precision=1 if m.date else None))
    events: list[Event] = []
    for i, ev in enumerate(article.events):
        s, e = find(text, ev.evidence)
        name, name_ar, cc, _, admin1, lat, lon, prec = ev.place[0], ev.place[1], ev.place[3], None, ev.place[4], ev.place[5], ev.place[6], ev.place[7]
        iso, country = ISO[cc]
        loc = Location(name=name, name_ar=name_ar, country=country, iso=iso, country_code=cc, admin1=admin1,
                       latitude=lat, longitude=lon, geo_precision=prec, mention=_mention_id(entities, name_ar))
        a1 = _actor(ev.actor1, entities)
        a2 = _actor(ev.actor2, entities)
        notes = f"{a1.name if a1 else 'Unknown actor'}: {ev.sub_event_type.lower()} in {name}, {admin1}."
        events.append(Event(id=f"ev-{article.doc_id}-{i + 1}", event_type=ev.event_type, sub_event_type=ev.sub_event_type,
                            event_date=ev.event_date, time_precision=1 if ev.event_date else None,
                            actor1=a1, actor2=a2, location=loc, fatalities=ev.fatalities, modality=ev.modality,
                            evidence=Span(start=s, end=e), notes=notes, rule="demo", confidence=0.9))
    relations = []
    for rtype, (sref, sname), (tref, tname), evidence in article.relations:
        s, e = find(text, evidence)
        relations.append(Relation(type=rtype, source=RelationEnd(ref=sref, name=sname), target=RelationEnd(ref=tref, name=tname),
                                  evidence=Span(start=s, end=e)))
    return Document(doc_id=article.doc_id, content_hash=content_hash(text),
                    source=Source(outlet=article.outlet, published=article.published), language="ar",
                    title=article.title, text=text, entities=entities, events=events, relations=relations,
                    provenance=Provenance(rasd="demo"))


def _mention_id(entities: list[Entity], surface: str) -> Optional[str]:
    for e in entities:
        if e.text == surface or surface in e.text:
            return e.id
    return None


def _actor(spec, entities) -> Optional[Actor]:
    if spec is None:
        return None
    ref, name, name_ar, inter = spec
    return Actor(ref=ref, name=name, name_ar=name_ar, inter=inter, mention=_mention_id(entities, name_ar))


SAA = ("actor:saa", "Military Forces of Syria", "قوات النظام", 1)
HTS = ("actor:hts", "Hayat Tahrir al-Sham", "هيئة تحرير الشام", 2)
RUS = ("actor:mil-ru", "Military Forces of Russia", "الطيران الروسي", 8)
ISIS = ("actor:is", "Islamic State", "تنظيم داعش", 2)
IQF = ("actor:mil-iq", "Military Forces of Iraq", "القوات العراقية", 1)
CIV_IQ = (None, "Civilians (Iraq)", "مدنيين", 7)
CIV_SY = (None, "Civilians (Syria)", "مدنيين", 7)
HOUTHI = ("actor:houthi", "Ansar Allah", "جماعة الحوثي", 3)
COAL = ("actor:coalition-ye", "Saudi-led Coalition", "التحالف", 8)
LNA = ("actor:lna", "Libyan National Army", "الجيش الوطني الليبي", 1)
RSF = ("actor:rsf", "Rapid Support Forces", "قوات الدعم السريع", 3)
SAF = ("actor:saf", "Military Forces of Sudan", "الجيش السوداني", 1)


def sample_articles() -> list[Article]:
    """Five short reports written for the demo, each with its events and mentions."""
    return [
        Article(
            doc_id="demo-idlib", outlet="Demo Wire", published="2020-01-16",
            title="قصف على ريف إدلب واشتباكات قرب سراقب",
            body=("قال مصدر ميداني إن قوات النظام قصفت أمس الأربعاء بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين.\n"
                  "وأضاف أن اشتباكات عنيفة اندلعت اليوم بين قوات النظام وهيئة تحرير الشام على أطراف مدينة سراقب.\n"
                  "كما شن الطيران الروسي غارات على قرية معرشورين، بحسب المرصد.\n"
                  "وتعد هيئة تحرير الشام واجهة لجبهة النصرة في شمال غرب سوريا."),
            mentions=[Mention("قوات النظام", "ACTOR", "actor:saa"), Mention("أمس الأربعاء", "DATE", date="2020-01-15"),
                      Mention("كفرنبل", "LOCATION", "geonames:170794"), Mention("ريف إدلب الجنوبي", "LOCATION"),
                      Mention("ثلاثة", "QUANTITY"), Mention("مدنيين", "ACTOR"), Mention("قوات النظام", "ACTOR", "actor:saa", nth=1),
                      Mention("هيئة تحرير الشام", "ACTOR", "actor:hts"), Mention("سراقب", "LOCATION", "geonames:163099", nth=1),
                      Mention("الطيران الروسي", "ACTOR", "actor:mil-ru"), Mention("معرشورين", "LOCATION"), Mention("المرصد", "SOURCE")],
            events=[
                EventSpec("قوات النظام قصفت أمس الأربعاء بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل ثلاثة مدنيين",
                          "Explosions/Remote violence", "Shelling/artillery/missile attack", "2020-01-15", SAA, CIV_SY,
                          ("Kafr Nabl", "كفرنبل", "Syria", "SY", "Idlib", 35.614, 36.561, 1), fatalities=3),
                EventSpec("اشتباكات عنيفة اندلعت اليوم بين قوات النظام وهيئة تحرير الشام على أطراف مدينة سراقب",
                          "Battles", "Armed clash", "2020-01-16", SAA, HTS,
                          ("Saraqib", "سراقب", "Syria", "SY", "Idlib", 35.864, 36.806, 2)),
                EventSpec("شن الطيران الروسي غارات على قرية معرشورين", "Explosions/Remote violence", "Air/drone strike", "2020-01-16",
                          RUS, None, ("Maarshourin", "معرشورين", "Syria", "SY", "Idlib", 35.645, 36.683, 1)),
            ],
            relations=[("front_for", ("actor:hts", "Hayat Tahrir al-Sham"), ("actor:nusra", "Jabhat al-Nusra"),
                        "هيئة تحرير الشام واجهة لجبهة النصرة")],
        ),
        Article(
            doc_id="demo-diyala", outlet="Demo Wire", published="2020-01-12",
            title="مقتل مدنيين بانفجار عبوة ناسفة في ديالى",
            body=("أعلنت مصادر أمنية عراقية مقتل مدنيين اثنين وإصابة أربعة آخرين بانفجار عبوة ناسفة في قضاء خانقين بمحافظة ديالى صباح السبت.\n"
                  "وقالت القوات العراقية إنها اعتقلت ثلاثة مشتبه بهم بالانتماء إلى تنظيم داعش في بعقوبة."),
            mentions=[Mention("مدنيين", "ACTOR"), Mention("عبوة ناسفة", "QUANTITY"), Mention("خانقين", "LOCATION", "geonames:97990"),
                      Mention("ديالى", "LOCATION", nth=1), Mention("صباح السبت", "DATE", date="2020-01-11"),
                      Mention("القوات العراقية", "ACTOR", "actor:mil-iq"), Mention("تنظيم داعش", "ACTOR", "actor:is"),
                      Mention("بعقوبة", "LOCATION", "geonames:98854")],
            events=[
                EventSpec("مقتل مدنيين اثنين وإصابة أربعة آخرين بانفجار عبوة ناسفة في قضاء خانقين بمحافظة ديالى صباح السبت",
                          "Explosions/Remote violence", "Remote explosive/landmine/IED", "2020-01-11", None, CIV_IQ,
                          ("Khanaqin", "خانقين", "Iraq", "IQ", "Diyala", 34.348, 45.391, 1), fatalities=2),
                EventSpec("القوات العراقية إنها اعتقلت ثلاثة مشتبه بهم بالانتماء إلى تنظيم داعش في بعقوبة",
                          "Strategic developments", "Arrests", "2020-01-11", IQF, ISIS,
                          ("Baqubah", "بعقوبة", "Iraq", "IQ", "Diyala", 33.746, 44.643, 1)),
            ],
        ),
        Article(
            doc_id="demo-marib", outlet="Demo Gazette", published="2020-01-20",
            title="غارات للتحالف على مواقع الحوثيين في مأرب",
            body=("شن التحالف غارات جوية على مواقع جماعة الحوثي في مديرية صرواح غرب مأرب يوم الأحد، وأفادت مصادر محلية بمقتل خمسة عشر مسلحا.\n"
                  "ويسعى الحوثيون إلى السيطرة على مدينة مأرب منذ أشهر."),
            mentions=[Mention("التحالف", "ACTOR", "actor:coalition-ye"), Mention("جماعة الحوثي", "ACTOR", "actor:houthi"),
                      Mention("صرواح", "LOCATION"), Mention("مأرب", "LOCATION", nth=1), Mention("يوم الأحد", "DATE", date="2020-01-19"),
                      Mention("خمسة عشر", "QUANTITY")],
            events=[
                EventSpec("شن التحالف غارات جوية على مواقع جماعة الحوثي في مديرية صرواح غرب مأرب يوم الأحد، وأفادت مصادر محلية بمقتل خمسة عشر مسلحا",
                          "Explosions/Remote violence", "Air/drone strike", "2020-01-19", COAL, HOUTHI,
                          ("Sirwah", "صرواح", "Yemen", "YE", "Marib", 15.449, 45.0, 1), fatalities=15),
            ],
        ),
        Article(
            doc_id="demo-tripoli", outlet="Demo Gazette", published="2020-01-08",
            title="قصف صاروخي على مطار معيتيقة في طرابلس",
            body=("تعرض مطار معيتيقة في العاصمة الليبية طرابلس لقصف صاروخي مساء الثلاثاء، اتهمت حكومة الوفاق الجيش الوطني الليبي بالوقوف وراءه.\n"
                  "ولم ترد أنباء عن إصابات."),
            mentions=[Mention("مطار معيتيقة", "LOCATION"), Mention("طرابلس", "LOCATION", "geonames:2210247", nth=1),
                      Mention("مساء الثلاثاء", "DATE", date="2020-01-07"), Mention("الجيش الوطني الليبي", "ACTOR", "actor:lna")],
            events=[
                EventSpec("تعرض مطار معيتيقة في العاصمة الليبية طرابلس لقصف صاروخي مساء الثلاثاء",
                          "Explosions/Remote violence", "Shelling/artillery/missile attack", "2020-01-07", LNA, None,
                          ("Mitiga Airport", "مطار معيتيقة", "Libya", "LY", "Tripoli", 32.894, 13.276, 1), modality="claimed"),
            ],
        ),
        Article(
            doc_id="demo-khartoum", outlet="Demo Wire", published="2020-01-15",
            title="اشتباكات في الخرطوم وتظاهرة في أم درمان",
            body=("اندلعت اشتباكات بين الجيش السوداني وقوات الدعم السريع في حي كافوري شمالي الخرطوم يوم الثلاثاء.\n"
                  "وفي أم درمان خرج مئات المتظاهرين في مسيرة سلمية للمطالبة بوقف القتال."),
            mentions=[Mention("الجيش السوداني", "ACTOR", "actor:saf"), Mention("قوات الدعم السريع", "ACTOR", "actor:rsf"),
                      Mention("كافوري", "LOCATION"), Mention("الخرطوم", "LOCATION", nth=1), Mention("يوم الثلاثاء", "DATE", date="2020-01-14"),
                      Mention("أم درمان", "LOCATION", nth=1), Mention("مئات", "QUANTITY")],
            events=[
                EventSpec("اندلعت اشتباكات بين الجيش السوداني وقوات الدعم السريع في حي كافوري شمالي الخرطوم يوم الثلاثاء",
                          "Battles", "Armed clash", "2020-01-14", SAF, RSF, ("Kafouri", "كافوري", "Sudan", "SD", "Khartoum", 15.64, 32.56, 1)),
                EventSpec("خرج مئات المتظاهرين في مسيرة سلمية للمطالبة بوقف القتال", "Protests", "Peaceful protest", "2020-01-14",
                          (None, "Protesters (Sudan)", "المتظاهرين", 6), None, ("Omdurman", "أم درمان", "Sudan", "SD", "Khartoum", 15.644, 32.478, 1)),
            ],
        ),
    ]


def sample_documents() -> list[Document]:
    """The sample articles as document records."""
    return [build(a) for a in sample_articles()]

