"""Event and relation rules, each on sentences written for the test (not the seed)."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from rasd.events.frames import load_frames, validate_frames, verb_forms


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def events(doc, modality=("asserted", "claimed")):
    return [e for e in doc.events if e.modality in modality]


def places(evs):
    return sorted((e.location.name_ar or "") for e in evs)


# ------------------------------------------------------------------ frames data
def test_frame_files_validate():
    assert validate_frames() == []


def test_verb_forms_cover_persons_tenses_and_future():
    forms, future = verb_forms("سيطر")
    for f in ["سيطر", "سيطرت", "سيطروا", "يسيطر", "تسيطر", "يسيطرون"]:
        assert f in forms
    assert "سيسيطر" in future and "ستسيطر" in future
    forms, _ = verb_forms("استعاد|يستعيد")
    assert {"استعادت", "يستعيد", "تستعيد"} <= forms
    forms, _ = verb_forms("استولى|يستولي")
    assert {"استولت", "استولوا", "يستولي"} <= forms


def test_trigger_index_has_masdar_and_phrases():
    fs = load_frames()
    assert any(t.frame.rule.endswith("#capture") for t in fs.candidates("سيطره"))
    assert any(len(t.words) == 2 for t in fs.candidates("عبوه"))


# ------------------------------------------------------------------ events
def test_capture_coordinated_places_give_one_event_each(nlp):
    text = ("سيطرت قوات النظام السوري، أمس الثلاثاء، على قريتي الزيارة وتلمنس بريف إدلب الشرقي "
            "بعد معارك عنيفة مع فصائل المعارضة.")
    doc = nlp.extract(text, published="2019-03-06")
    evs = [e for e in events(doc) if e.event_type == "Battles"]
    assert len(evs) >= 2, doc.events
    names = places(evs)
    assert any("الزياره" in n.replace("ة", "ه") for n in names) and any("تلمنس" in n for n in names)
    for e in evs:
        assert e.sub_event_type == "Government regains territory"
        assert e.actor1 is not None and e.actor1.name == "Military Forces of Syria"
        assert e.event_date == "2019-03-05"
        assert doc.text[e.evidence.start:e.evidence.end]


def test_nonstate_capture_is_coded_as_such(nlp):
    text = "سيطر مقاتلو حركة الشباب على بلدة بولوبردي في إقليم هيران وسط الصومال بعد انسحاب القوات الحكومية."
    doc = nlp.extract(text, published="2021-05-10")
    evs = [e for e in events(doc) if e.event_type == "Battles"]
    assert evs and evs[0].sub_event_type == "Non-state actor overtakes territory"
    assert evs[0].actor1 is not None and "Shabaab" in evs[0].actor1.name


def test_airstrike_with_civilian_fatalities(nlp):
    text = "قتل خمسة مدنيين، اليوم الأحد، في غارة جوية روسية استهدفت بلدة كفرنبل جنوب إدلب."
    doc = nlp.extract(text, published="2019-05-12")
    evs = events(doc)
    air = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    assert air, doc.events
    assert air[0].fatalities == 5
    assert air[0].event_date == "2019-05-12"
    assert air[0].actor2 is not None and air[0].actor2.name.startswith("Civilians")


def test_ied_in_iraq(nlp):
    text = "انفجرت عبوة ناسفة بدورية للشرطة العراقية في قضاء الطارمية شمال بغداد، ما أسفر عن مقتل ثلاثة من عناصرها."
    doc = nlp.extract(text, published="2020-02-03")
    evs = [e for e in events(doc) if e.event_type == "Explosions/Remote violence"]
    assert evs and evs[0].sub_event_type == "Remote explosive/landmine/IED"
    assert evs[0].fatalities == 3
    assert evs[0].location.country_code == "IQ"


def test_suicide_refinement(nlp):
    text = "فجر انتحاري يرتدي حزاما ناسفا نفسه وسط سوق شعبي في مدينة مقديشو، اليوم، ما أدى إلى مقتل سبعة أشخاص."
    doc = nlp.extract(text, published="2019-07-22")
    evs = [e for e in events(doc) if e.event_type == "Explosions/Remote violence"]
    assert evs and evs[0].sub_event_type == "Suicide bomb"


def test_protest_with_intervention(nlp):
    text = ("خرج آلاف المتظاهرين في مدينة أم درمان، الخميس، للمطالبة بالحكم المدني، "
            "وأطلقت قوات الأمن الغاز المسيل للدموع لتفريق المحتجين.")
    doc = nlp.extract(text, published="2022-01-14")
    evs = [e for e in events(doc) if e.event_type == "Protests"]
    assert evs and evs[0].sub_event_type == "Protest with intervention"
    assert evs[0].event_date == "2022-01-13"


def test_arrests(nlp):
    text = "اعتقلت القوات الإسرائيلية، فجر اليوم، 12 فلسطينيا خلال مداهمات في مدينة جنين."
    doc = nlp.extract(text, published="2023-03-02")
    evs = [e for e in events(doc) if e.sub_event_type == "Arrests"]
    assert evs


@pytest.mark.parametrize("text,modality", [
    ("ونفى الجيش العراقي أن تكون قواته قد قصفت قرية البو عيثة جنوب بغداد.", "negated"),
    ("وحذر مسؤولون محليون من أن تنظيم داعش قد يشن هجوما على مدينة حديثة غرب الأنبار.", "hypothetical"),
    ("وستبدأ القوات التركية عملية عسكرية في مدينة منبج خلال الأيام المقبلة.", "future"),
    ("وزعمت وسائل إعلام الحوثيين أن طائرات التحالف شنت غارات على مديرية صرواح غرب مأرب.", "claimed"),
])
def test_modality(nlp, text, modality):
    doc = nlp.extract(text, published="2020-02-03")
    assert doc.events, "the trigger should still yield an event record"
    assert {e.modality for e in doc.events} == {modality}, [(e.event_type, e.modality) for e in doc.events]


def test_background_history_is_not_an_event(nlp):
    text = "وكان تنظيم داعش قد سيطر على مدينة الموصل صيف عام 2014 قبل أن تستعيدها القوات العراقية."
    doc = nlp.extract(text, published="2020-02-03")
    assert not events(doc), doc.events


def test_attribution_is_inherited_in_paragraph(nlp):
    text = ("أفاد المرصد السوري لحقوق الإنسان بأن اشتباكات عنيفة اندلعت في بلدة الهبيط بريف إدلب الجنوبي. "
            "وقصفت قوات النظام بلدة كفرسجنة المجاورة بقذائف المدفعية.")
    doc = nlp.extract(text, published="2019-06-01")
    evs = events(doc)
    assert len(evs) >= 2
    assert all(e.attribution and "المرصد" in e.attribution for e in evs)


def test_event_ids_are_stable(nlp):
    text = "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي أمس."
    a = nlp.extract(text, published="2019-06-01")
    b = Pipeline().extract(text, published="2019-06-01")
    assert [e.id for e in a.events] == [e.id for e in b.events]


def test_every_event_is_complete(nlp):
    text = ("شنت طائرات التحالف بقيادة السعودية غارات على مواقع الحوثيين في مديرية نهم شرق صنعاء، "
            "فيما اندلعت اشتباكات بين قوات الحكومة اليمنية والحوثيين في جبهة صرواح.")
    doc = nlp.extract(text, published="2018-09-30")
    assert events(doc)
    for e in doc.events:
        assert 0 < e.confidence <= 1
        assert e.rule and e.rule.startswith("frames/")
        assert e.notes and e.notes[0].isupper()
        assert e.plover or e.sub_event_type == "Other"
        assert 0 <= e.evidence.start < e.evidence.end <= len(doc.text)


# ------------------------------------------------------------------ relations
def rel(doc):
    return {(r.type, r.source.name, r.target.name) for r in doc.relations}


@pytest.mark.parametrize("text,rtype,src,tgt", [
    ("أعلنت جماعة أنصار بيت المقدس بيعتها لتنظيم الدولة الإسلامية في سيناء.", "pledged_allegiance", "Ansar", "Islamic State"),
    ("قصفت قوات سوريا الديمقراطية المدعومة من الولايات المتحدة مواقع التنظيم.", "supports", "United States", "Syrian Democratic Forces"),
    # loyal to a state is an alliance (the gold files' convention); loyal to a group is affiliated_with
    ("واتهمت الحكومة العراقية حركة النجباء الموالية لإيران بالوقوف وراء الهجوم.", "allied_with", "Nujaba", "Iran"),
    ("وأعلنت حركة نور الدين الزنكي الاندماج مع حركة أحرار الشام في كيان جديد.", "merged_into", "Zinki", "Ahrar al-Sham"),
    ("وتقاتل قوات سوريا الديمقراطية، وهي تحالف تدعمه واشنطن، في ريف دير الزور.", "supports", "United States", "Syrian Democratic Forces"),
    ("ويدعم حزب الله قوات النظام في معارك ريف حلب.", "supports", "Hezbollah", "Military Forces of Syria"),
    ("ويسيطر تنظيم داعش على مدينة الفلوجة منذ عامين.", "controls", "Islamic State", "Fall"),
])
def test_relation_patterns(nlp, text, rtype, src, tgt):
    doc = nlp.extract(text, published="2019-01-01")
    found = [r for r in doc.relations if r.type == rtype]
    assert found, doc.relations
    r = found[0]
    assert src.lower() in r.source.name.lower() and tgt.lower() in r.target.name.lower(), r
    assert 0 <= r.evidence.start < r.evidence.end <= len(doc.text)


def test_nisba_names_the_acting_state(nlp):
    doc = nlp.extract("قتل ثلاثة مدنيين في غارة تركية استهدفت قرية كورتك شمال عفرين.", published="2018-03-10")
    air = [e for e in events(doc) if e.sub_event_type == "Air/drone strike"]
    assert air and air[0].actor1 is not None and air[0].actor1.name == "Military Forces of Turkey"
    assert air[0].actor1.inter == 8  # a state's forces abroad


def test_government_adjective_names_the_forces_of_the_event_country(nlp):
    doc = nlp.extract("قتل مدنيان جراء قصف حكومي استهدف بلدة كفربطنا بريف دمشق.", published="2018-02-25")
    ev = [e for e in events(doc) if e.event_type == "Explosions/Remote violence"]
    assert ev and ev[0].actor1 is not None and ev[0].actor1.name == "Military Forces of Syria"


def test_subjectless_verb_continues_the_paragraph_agent(nlp):
    text = ("سيطرت قوات الحكومة اليمنية على قرية الحزم في مديرية صرواح غرب مأرب، "
            "كما استعادت بلدة المخدرة بعد معارك مع الحوثيين.")
    doc = nlp.extract(text, published="2021-02-14")
    caps = [e for e in events(doc) if e.event_type == "Battles" and e.sub_event_type == "Government regains territory"]
    assert len(caps) >= 2
    assert all(e.actor1 is not None and e.actor1.name == "Military Forces of Yemen" for e in caps)


@pytest.mark.parametrize("text", [
    "ويشن الجيش منذ الرابع من تموز هجوما واسعا على مدينة الزبداني بريف دمشق.",
    "وكانت قوات حفتر قد أطلقت هجومها على مدينة غريان في نيسان الماضي.",
    "وقالت الحكومة إنها ستشن هجوما مضادا على مدينة غريان.",
    "أصدرت محكمة في كسمايو مذكرة اعتقال بحق الرئيس.",
    "وزار الوزير المدينة بعد أسبوع من تحرير مدينة تدمر الأثرية.",
])
def test_not_current_events(nlp, text):
    doc = nlp.extract(text, published="2019-08-12")
    assert not events(doc), [(e.event_type, e.modality, e.location and e.location.name_ar) for e in doc.events]


def test_since_this_morning_is_current(nlp):
    doc = nlp.extract("تدور اشتباكات عنيفة منذ صباح اليوم في محيط بلدة عين زارة جنوب طرابلس.", published="2019-04-09")
    assert events(doc)


def test_disrupted_weapon_is_not_a_strike(nlp):
    doc = nlp.extract("فككت وحدات الهندسة عبوة ناسفة زرعت قرب سوق مدينة أعزاز شمال حلب.", published="2024-02-20")
    types = {e.sub_event_type for e in events(doc)}
    assert "Disrupted weapons use" in types and "Remote explosive/landmine/IED" not in types


def test_weapon_names_the_type_of_an_attack(nlp):
    doc = nlp.extract("استهدف هجوم صاروخي مطار معيتيقة في العاصمة الليبية طرابلس مساء الثلاثاء.", published="2018-09-12")
    evs = events(doc)
    assert evs and evs[0].sub_event_type == "Shelling/artillery/missile attack"


def test_downed_drone_is_not_a_drone_strike(nlp):
    doc = nlp.extract("أسقطت الدفاعات الجوية طائرة مسيرة مفخخة قرب مدينة مأرب مساء الأحد.", published="2021-02-15")
    assert "Air/drone strike" not in {e.sub_event_type for e in events(doc)}


def test_the_defender_is_not_actor1(nlp):
    doc = nlp.extract("وتصدت فصائل المعارضة لهجوم شنته قوات النظام على بلدة كفرنبودة بريف حماة الشمالي.",
                      published="2019-05-22")
    evs = [e for e in events(doc) if e.event_type == "Battles"]
    assert evs and evs[0].actor1 is not None and evs[0].actor1.name == "Military Forces of Syria"
    assert evs[0].actor2 is not None and evs[0].actor2.name == "Syrian opposition armed groups"


def test_evidence_covers_the_place_in_its_sentence(nlp):
    from pathlib import Path

    from rasd.text import split_sentences

    folder = Path(__file__).parent / "corpus" / "articles"
    checked = 0
    for f in sorted(folder.glob("*.txt"))[:30]:
        doc = nlp.extract(f.read_text(encoding="utf-8"), published="2020-01-01")
        sents = split_sentences(doc.text)
        for ev in doc.events:
            m = doc.entity(ev.location.mention) if ev.location and ev.location.mention else None
            if m is None:
                continue
            s = next(s for s in sents if s.start <= ev.evidence.start < s.end)
            if s.start <= m.start and m.end <= s.end:
                checked += 1
                assert ev.evidence.start <= m.start and m.end <= ev.evidence.end, (f.name, ev.evidence, m)
    assert checked > 50


@pytest.mark.parametrize("text", [
    "لا تزال الاشتباكات مستمرة بين الجانبين في بلدة كفرنبل بريف إدلب.",
    "نفى الجيش الاتهامات، وقالت مصادر محلية إن غارات جوية استهدفت بلدة كفرنبل أمس.",
    "قالت المصادر إن الطائرات الروسية قد استهدفت بلدة كفرنبل بريف إدلب.",
    "شنت الطائرات الروسية ستين غارة على مدينة سراقب بريف إدلب.",
    "وبعد ذلك قصفت قوات النظام بلدة كفرنبل بريف إدلب.",
])
def test_asserted_despite_nearby_cues(nlp, text):
    doc = nlp.extract(text, published="2020-01-16")
    assert events(doc), [(e.event_type, e.modality) for e in doc.events]


@pytest.mark.parametrize("text", [
    "وقال رئيس التحرير إن الصحيفة ستصدر غدا في بغداد.",
    "وأسقطت المحكمة التهم عن المتهمين في مدينة الموصل.",
    "قصفت الطائرات الروسية فجرا بلدة كفرنبل بريف إدلب.",
])
def test_ordinary_words_are_not_triggers(nlp, text):
    doc = nlp.extract(text, published="2020-01-16")
    subs = {e.sub_event_type for e in events(doc)}
    assert not subs & {"Government regains territory", "Non-state actor overtakes territory",
                       "Disrupted weapons use", "Remote explosive/landmine/IED"}, subs


def test_lone_surrogate_gives_a_record_with_a_warning(nlp):
    doc = nlp.extract("\ud800 قصفت قوات النظام بلدة كفرنبل بريف إدلب أمس.", published="2020-01-16")
    assert "invalid_unicode" in {w.code for w in doc.warnings}
    doc.to_json().encode("utf-8")  # the record is valid UTF-8


def test_merged_event_notes_describe_the_merged_fields(nlp):
    text = "اندلعت اشتباكات في بلدة كفرنبل أمس.\n\nوقصفت قوات النظام بلدة كفرنبل أمس، ما أدى إلى مقتل ثلاثة مدنيين."
    doc = nlp.extract(text, published="2020-01-16")
    for e in events(doc):
        if e.actor1 is not None:
            assert e.actor1.name in e.notes, e.notes


# ------------------------------------------------------------------ headlines
def test_headline_event_is_dated_by_the_lead(nlp):
    doc = nlp.extract("اقتحمت القوات العراقية، أمس الاثنين، قضاء طوز خورماتو بعد اشتباكات مع البيشمركة.",
                      title="القوات العراقية تسيطر على طوز خورماتو", published="2017-10-17")
    evs = [e for e in events(doc) if e.event_type == "Battles"]
    assert evs and all(e.event_date == "2017-10-16" for e in evs), [(e.event_date, e.evidence) for e in evs]


def test_body_event_stands_for_the_headline_summary(nlp):
    # the headline's generic "احتجاجات" must not turn the body's riot into a protest
    doc = nlp.extract("اقتحم محتجون غاضبون، مساء أمس الجمعة، مقر المجلس البلدي في مدينة سبها وأضرموا النار فيه.",
                      title="احتجاجات في سبها", published="2022-07-02")
    evs = [e for e in events(doc) if "سبها" in (e.location.name_ar or "")]
    assert evs and {e.event_type for e in evs} == {"Riots"}, [(e.event_type, e.event_date) for e in evs]


def test_same_frame_after_a_clause_break_starts_a_new_event(nlp):
    # the first shelling's place is before it: the town shelled in the next clause is not its place
    text = ("وتعرضت، أمس الخميس، بلدة الحارة لقصف مدفعي عنيف، كما أن قصفا صاروخيا "
            "استهدف مدينة إنخل منذ ساعات الصباح.")
    doc = nlp.extract(text, published="2018-07-06")
    names = places(events(doc))
    assert any("الحارة" in p for p in names) and any("إنخل" in p for p in names), names


# ------------------------------------------------------------------ modality cues
def _asserted_at(doc, etype, place):
    return [e for e in events(doc) if e.event_type == etype and place in (e.location.name_ar or "")]


def test_ceasing_fighting_is_not_fighting(nlp):
    doc = nlp.extract("ينص الاتفاق الذي أعلن اليوم على وقف القتال في مدينة تلعفر بين الجانبين.", published="2017-08-20")
    assert not _asserted_at(doc, "Battles", "تلعفر"), doc.events


def test_terms_of_an_agreement_are_not_events(nlp):
    doc = nlp.extract("وقالت مصادر إن الاتفاق يقضي بانسحاب القوات الحكومية من بلدة بصرى الشام خلال أيام.",
                      published="2018-07-06")
    assert not [e for e in _asserted_at(doc, "Strategic developments", "بصرى")
                if e.sub_event_type == "Non-violent transfer of territory"], doc.events


def test_terms_verbs_govern_only_next_to_an_agreement_noun(nlp):
    doc = nlp.extract("وتتضمن الخطة التي أعلنتها الأمم المتحدة انسحاب القوات من مدينة الحديدة.", published="2019-05-05")
    assert not _asserted_at(doc, "Strategic developments", "الحديدة"), doc.events
    # "وتشمل المناطق التي تعرضت للقصف": the places of a reported shelling, no terms
    doc = nlp.extract("وتشمل المناطق التي تعرضت للقصف أمس بلدات كفرنبل وحاس.", published="2019-05-05")
    assert _asserted_at(doc, "Explosions/Remote violence", "كفرنبل"), doc.events


def test_unconfirmed_reports_are_not_asserted(nlp):
    doc = nlp.extract("نفى الجيش العراقي ذلك، بعد أنباء تحدثت عن مواجهات قرب قضاء سنجار مع مسلحين.",
                      published="2021-08-17")
    assert not _asserted_at(doc, "Battles", "سنجار"), doc.events


def test_condemnation_names_an_event_reported_elsewhere(nlp):
    doc = nlp.extract("وأدانت وزارة الخارجية اليمنية القصف على مدينة تعز، وطالبت بتحقيق دولي.", published="2018-05-03")
    assert not _asserted_at(doc, "Explosions/Remote violence", "تعز"), doc.events


def test_retaliation_for_an_earlier_attack(nlp):
    doc = nlp.extract("جاءت الضربات ردا على هجوم مسلح على بلدة الضمير قتل فيه جنديان.", published="2018-04-30")
    assert not _asserted_at(doc, "Battles", "الضمير"), doc.events


def test_since_the_start_of_an_offensive_is_background(nlp):
    doc = nlp.extract("باتت الفصائل على مشارف المدينة بعد شهرين من انطلاق الهجوم على منطقة جنديرس.",
                      published="2018-03-16")
    assert not _asserted_at(doc, "Battles", "جنديرس"), doc.events


def test_clause_after_a_pluperfect_is_earlier_still(nlp):
    doc = nlp.extract("وكانت القوات قد أطلقت هجومها على مدينة غريان في الرابع من الشهر الجاري، "
                      "بعد أن سيطرت على مدينة سبها.", published="2019-04-10")
    assert not _asserted_at(doc, "Battles", "سبها"), doc.events


def test_operation_name_is_not_a_capture(nlp):
    doc = nlp.extract("نشرت ألوية العمالقة المشاركة في عملية تحرير الحديدة صورا لعناصرها.", published="2018-06-17")
    assert not _asserted_at(doc, "Battles", "الحديدة"), doc.events
    # an operations room named for its aim ("غرفة عمليات تحرير"): "عمليات" heads the name
    doc = nlp.extract("أعلنت غرفة عمليات تحرير حلب أمس عن بدء هجوم على حي الحمدانية.", published="2016-10-28")
    assert ("Battles", "Non-state actor overtakes territory") not in _types_at(doc, "حلب"), doc.events


def test_until_liberation_is_an_aim(nlp):
    doc = nlp.extract("وأكد قائد الجيش أن القوات ستواصل القتال حتى تحرير مدينة الفاشر.", published="2024-06-18")
    assert not _asserted_at(doc, "Battles", "الفاشر"), doc.events


def test_agreement_with_a_party_after_mae(nlp):
    doc = nlp.extract("أعلن متحدث، الجمعة، التوصل إلى اتفاق أولي مع روسيا حول مدينة بصرى الشام.", published="2018-07-06")
    assert _asserted_at(doc, "Strategic developments", "بصرى"), doc.events


# ------------------------------------------------------------------ triggers
def _types_at(doc, place):
    return {(e.event_type, e.sub_event_type) for e in events(doc) if place in (e.location.name_ar or "")}


def test_destroyed_by_aircraft_is_an_air_strike(nlp):
    doc = nlp.extract("انتشل المسعفون جثتين من تحت أنقاض منزل دمرته الطائرات الحربية في بلدة كفرنبل.",
                      published="2018-09-08")
    assert ("Explosions/Remote violence", "Air/drone strike") in _types_at(doc, "كفرنبل"), doc.events
    doc = nlp.extract("دمر الجيش نفقا للمسلحين في بلدة كفرنبل.", published="2018-09-08")
    assert ("Explosions/Remote violence", "Air/drone strike") not in _types_at(doc, "كفرنبل"), doc.events


def test_found_and_detonated_devices_are_disrupted(nlp):
    doc = nlp.extract("تمكنت وحدات الهندسة أمس من اكتشاف وتفجير 12 عبوة ناسفة في مدينة الرمادي.", published="2018-02-14")
    types = _types_at(doc, "الرمادي")
    assert ("Strategic developments", "Disrupted weapons use") in types, doc.events
    assert not any(t == "Explosions/Remote violence" for t, _ in types), types


def test_targeting_after_li_is_an_aim(nlp):
    doc = nlp.extract("تحركت الخلية ليلا لاستهداف دوريات الجيش في مدينة الشيخ زويد.", published="2018-02-14")
    assert not any(t == "Explosions/Remote violence" for t, _ in _types_at(doc, "الشيخ زويد")), doc.events


def test_defusing_with_a_long_subject(nlp):
    doc = nlp.extract("فككت فرق الهندسة التابعة للفيلق الثالث المنضوي في الجيش الوطني السوري عبوة ناسفة "
                      "زرعت أسفل سيارة عسكرية في مدينة أعزاز.", published="2024-02-20")
    assert ("Strategic developments", "Disrupted weapons use") in _types_at(doc, "أعزاز"), doc.events


def test_pulling_back_heavy_weapons_changes_activity(nlp):
    doc = nlp.extract("بدأت مجموعات من جيش العزة تسحب منذ صباح السبت أسلحتها الثقيلة من بلدة اللطامنة "
                      "الواقعة ضمن المنطقة منزوعة السلاح.", published="2018-10-06")
    assert ("Strategic developments", "Change to group/activity") in _types_at(doc, "اللطامنة"), doc.events
    # a force moving its tanks, with no demilitarisation agreement, changes nothing
    doc = nlp.extract("بدأت القوات التركية سحب دباباتها من بلدة تل رفعت صباح اليوم.", published="2019-05-05")
    assert ("Strategic developments", "Change to group/activity") not in _types_at(doc, "تل رفعت"), doc.events


def test_founding_a_base(nlp):
    doc = nlp.extract("أقامت القوات الروسية، بحسب مصادر محلية، مقرا لها في مطار القامشلي.", published="2019-11-14")
    assert ("Strategic developments", "Headquarters or base established") in _types_at(doc, "القامشلي"), doc.events


def test_deploying_after_a_withdrawal_is_a_transfer(nlp):
    doc = nlp.extract("انتشرت جماعة الحوثي، أمس السبت، في مديرية الدريهمي، عقب انسحاب مفاجئ للقوات المشتركة "
                      "من مديرية حيس.", published="2021-11-14")
    assert ("Strategic developments", "Non-violent transfer of territory") in _types_at(doc, "الدريهمي"), doc.events
    doc = nlp.extract("انتشرت قوات الأمن، أمس السبت، في مديرية الدريهمي لتأمين الانتخابات.", published="2021-11-14")
    assert ("Strategic developments", "Non-violent transfer of territory") not in _types_at(doc, "الدريهمي")


def test_stone_throwing_makes_a_riot_even_with_tear_gas(nlp):
    doc = nlp.extract("وفي مدينة السويس، تجددت الاحتجاجات مساء السبت، ورشق شبان قوات الأمن بالحجارة "
                      "فأطلقت الغاز المسيل للدموع.", published="2019-09-22")
    assert ("Riots", "Violent demonstration") in _types_at(doc, "السويس"), doc.events


def test_march_went_out(nlp):
    doc = nlp.extract("وشارك المئات من سكان مدينة نابلس اليوم في مسيرة تأييد للمقاومة.", published="2023-07-03")
    assert any(t == "Protests" for t, _ in _types_at(doc, "نابلس")), doc.events


def test_angry_crowd_is_mob_violence(nlp):
    doc = nlp.extract("هاجم حشد من الأهالي الغاضبين صباح اليوم منزلا في مدينة الزاوية.", published="2023-08-16")
    assert ("Riots", "Mob violence") in _types_at(doc, "الزاوية"), doc.events


def test_definite_attack_refers_back_to_the_described_attack(nlp):
    text = ("تعرض مطار أربيل لهجوم صاروخي مساء الأحد.\n"
            "ولم ترد أنباء عن إصابات في مطار أربيل بعد الهجوم الذي استمر دقائق.")
    doc = nlp.extract(text, published="2019-05-05")
    types = _types_at(doc, "أربيل")
    assert types and all(t == "Explosions/Remote violence" for t, _ in types), types
    # "الهجوم" at another place is another attack, not the drone strike before it
    text = ("تعرضت قاعدة حميميم لهجوم بطائرات مسيرة أمس.\n"
            "وفي دير الزور، شن مسلحون الهجوم على حاجز للجيش في بلدة الميادين.")
    doc = nlp.extract(text, published="2019-05-05")
    assert ("Explosions/Remote violence", "Air/drone strike") not in _types_at(doc, "الميادين"), doc.events


@pytest.mark.parametrize("text,pub,day", [
    ("تجددت الاحتجاجات مساء السبت لليلة الثانية في مدينة السويس.", "2019-09-22", "2019-09-21"),
    ("اندلعت اشتباكات قصيرة فجر الاثنين قرب قضاء داقوق.", "2017-10-17", "2017-10-16"),
    ("أطلق الحرس الثوري صواريخ على مدينة البوكمال في ساعة مبكرة من صباح الاثنين.", "2018-10-01", "2018-10-01"),
    ("شنت مقاتلات التحالف، عصر اليوم، غارات على مواقع الحوثيين في مدينة صعدة.", "2017-06-10", "2017-06-10"),
])
def test_parts_of_day_date_the_event(nlp, text, pub, day):
    evs = events(nlp.extract(text, published=pub))
    assert evs and all(e.event_date == day for e in evs), [(e.event_date, e.location.name_ar) for e in evs]


def test_headline_parts_do_not_share_places(nlp):
    doc = nlp.extract("قتل ثلاثة مدنيين أمس بقصف مدفعي على بلدة كفرنبل.",
                      title="قصف مدفعي على بلدة كفرنبل.. والجيش يسقط طائرتين مسيرتين", published="2024-06-18")
    assert ("Strategic developments", "Disrupted weapons use") not in _types_at(doc, "كفرنبل"), doc.events


def test_definite_event_noun_after_a_consequence_verb_refers_back(nlp):
    text = ("سقطت صواريخ على مطار معيتيقة مساء الثلاثاء.\n"
            "وأجبر القصف الصاروخي رحلة قادمة من مدينة بنغازي على تغيير مسارها.")
    doc = nlp.extract(text, published="2018-09-12")
    assert not _types_at(doc, "بنغازي"), doc.events


def test_sentence_opening_with_bi_masdar_is_a_ground_not_an_event(nlp):
    text = ("سيطرت قوات النظام أمس على بلدة الهبيط في ريف إدلب الجنوبي.\n"
            "وبالسيطرة على الهبيط أصبحت مدينة خان شيخون محاصرة من ثلاث جهات.")
    doc = nlp.extract(text, published="2019-05-05")
    assert not [e for e in events(doc) if e.event_type == "Battles" and "خان شيخون" in (e.location.name_ar or "")], doc.events
    # an event first reported in such a sentence is an event
    doc = nlp.extract("وبقصف الطائرات الروسية مدينة معرة النعمان أمس قتل ثلاثة مدنيين.", published="2019-05-05")
    assert ("Explosions/Remote violence", "Air/drone strike") in _types_at(doc, "معرة النعمان"), doc.events


def test_hatta_is_an_aim_only_before_a_masdar_or_an_imperfect(nlp):
    doc = nlp.extract("تعهد الجيش بمواصلة القتال حتى استعادة مدينة الجنينة.", published="2023-06-18")
    assert not [e for e in events(doc) if e.event_type == "Battles" and e.sub_event_type != "Armed clash"], doc.events
    # "حتى" + a perfect verb is the result of the fighting: an event
    doc = nlp.extract("اندلعت اشتباكات عنيفة استمرت ساعات حتى سيطرت قوات النظام على بلدة كفرنبودة أمس.",
                      published="2019-05-05")
    assert ("Battles", "Government regains territory") in _types_at(doc, "كفرنبودة"), doc.events


def test_striving_to_capture_is_an_aim(nlp):
    doc = nlp.extract("تستمر العمليات العسكرية سعيا إلى استعادة مدينة الحجر الأسود.", published="2018-04-22")
    assert not [e for e in events(doc) if e.event_type == "Battles" and "الحجر" in (e.location.name_ar or "")], doc.events


def test_rejected_or_welcomed_agreement_is_not_reached_here(nlp):
    doc = nlp.extract("أعلن فصيل جيش النصر الذي ينشط في بلدة كفرزيتا رفضه للاتفاق الروسي التركي.", published="2018-09-30")
    assert not _types_at(doc, "كفرزيتا"), doc.events
    doc = nlp.extract("ورحبت الجبهة الوطنية للتحرير في بلدة كفرزيتا بالاتفاق الروسي التركي.", published="2018-09-30")
    assert not _types_at(doc, "كفرزيتا"), doc.events


def test_repeated_strikes_tell_a_history(nlp):
    doc = nlp.extract("واستهدفت الطائرات الإسرائيلية مرات عدة مواقع قريبة من مطار المزة العسكري.", published="2018-04-30")
    assert not [e for e in events(doc) if e.event_type == "Explosions/Remote violence"], doc.events


def test_feared_spread_is_hypothetical(nlp):
    doc = nlp.extract("ويخشى مراقبون أن تمتد الهجمات إلى مدينة الفاشر.", published="2023-11-07")
    assert not _types_at(doc, "الفاشر"), doc.events


def test_reinforcements_as_a_target_are_not_a_movement(nlp):
    doc = nlp.extract("استهدفت مقاتلات التحالف، عصر اليوم، تعزيزات لجماعة الحوثي في مديرية صرواح.", published="2017-06-10")
    assert ("Strategic developments", "Other") not in _types_at(doc, "صرواح"), doc.events


def test_sit_in_accusative_is_a_protest(nlp):
    doc = nlp.extract("نظم المئات اعتصاما سلميا أمام مقر المجلس البلدي في مدينة الكوت.", published="2019-10-26")
    assert any(t == "Protests" for t, _ in _types_at(doc, "الكوت")), doc.events


def test_angry_youths_and_tribal_fighting_are_riots(nlp):
    doc = nlp.extract("وفي مدينة الروصيرص، هاجم حشد من الشبان الغاضبين مساء الأربعاء سوقا وأحرقوا عددا من المتاجر.",
                      published="2022-10-21")
    types = _types_at(doc, "الروصيرص")
    assert types and all(t == "Riots" for t, _ in types), types
    doc = nlp.extract("اندلع اقتتال قبلي أمس في مدينة الدمازين.", published="2022-10-21")
    assert ("Riots", "Mob violence") in _types_at(doc, "الدمازين"), doc.events


def test_implementing_an_agreement_is_not_a_new_one(nlp):
    doc = nlp.extract("أعادت القوات تموضعها أمس تنفيذا لاتفاق بين الحكومة اليمنية وجماعة الحوثي في مدينة الحديدة.", published="2021-11-14")
    assert ("Strategic developments", "Agreement") not in _types_at(doc, "الحديدة"), doc.events


def test_according_to_is_background_only_before_an_agreement(nlp):
    # "وفق الاتفاق" right before the agreement noun: an agreement made before
    doc = nlp.extract("انسحبت قوات المعارضة من بلدة القصير أمس وفق الاتفاق مع الحكومة.", published="2019-05-05")
    assert ("Strategic developments", "Agreement") not in _types_at(doc, "القصير"), doc.events
    # "ووفق المرصد": a source cited, the strike after it is reported
    doc = nlp.extract("ووفق المرصد قصفت الطائرات الحربية بلدة كفرنبل أمس.", published="2019-05-05")
    assert _types_at(doc, "كفرنبل"), doc.events


def test_protest_against_a_described_attack(nlp):
    doc = nlp.extract("تظاهر المئات أمس احتجاجا على ما وصفوه بهجوم الحشد الشعبي على مدينة كركوك.",
                      published="2017-10-17")
    assert not [e for e in events(doc) if e.event_type == "Battles"], doc.events
    # "وصفوه" is "they described it", not "and they liquidated him"
    doc = nlp.extract("وتحدث شهود عما وصفوه بالعدوان على مدينة كركوك أمس.", published="2017-10-17")
    assert not [e for e in events(doc) if e.event_type == "Violence against civilians"], doc.events


def test_purpose_adverbial_ends_the_protest_arguments(nlp):
    doc = nlp.extract("وفي مدينة أربيل، تظاهر المئات أمس احتجاجا على الهجوم على مدينة كركوك.", published="2017-10-17")
    protests = [e for e in events(doc) if e.event_type == "Protests"]
    assert protests and all("أربيل" in e.location.name_ar for e in protests), [e.location.name_ar for e in protests]


def test_headline_region_summary_yields_to_the_body_towns(nlp):
    doc = nlp.extract("سيطر الجيش السوري أمس على قريتي الزرزور وأم التينة في ريف إدلب الجنوبي الشرقي.",
                      title="الجيش يسيطر على قرى جديدة بريف إدلب الجنوبي الشرقي", published="2019-12-25")
    battles = [e for e in events(doc) if e.event_type == "Battles"]
    assert battles and all("ريف" not in (e.location.name_ar or "") for e in battles), [e.location.name_ar for e in battles]


def test_arrests_at_a_protest_are_its_intervention(nlp):
    doc = nlp.extract("وفي مدينة سبها، فرقت قوات أمنية بالقوة أمس وقفة احتجاجية أمام مقر الشركة، واعتقلت عددا من المحتجين.",
                      published="2022-07-02")
    types = _types_at(doc, "سبها")
    assert ("Protests", "Protest with intervention") in types and ("Strategic developments", "Arrests") not in types, types


def test_taking_a_town_without_a_fight_is_a_transfer(nlp):
    doc = nlp.extract("أعلنت قوات حفتر أمس سيطرتها على مدينة سرت، بعد انسحاب القوات الحكومية منها دون قتال يذكر.",
                      published="2020-01-07")
    types = _types_at(doc, "سرت")
    assert ("Strategic developments", "Non-violent transfer of territory") in types, types
    assert not any(t == "Battles" for t, _ in types), types
    # a withdrawal alone may be under fire: still a capture
    doc = nlp.extract("سيطر مقاتلو العشائر، ليل الثلاثاء، على بلدة ذيبان بعد انسحاب عناصر قسد منها.", published="2023-08-30")
    assert any(t == "Battles" for t, _ in _types_at(doc, "ذيبان")), doc.events


def test_entering_a_town_under_an_agreement_is_a_transfer(nlp):
    doc = nlp.extract("انتشرت وحدات من الجيش السوري مساء أمس في بلدة عامودا بموجب الاتفاق المبرم مع قسد.",
                      published="2019-11-14")
    assert ("Strategic developments", "Non-violent transfer of territory") in _types_at(doc, "عامودا"), doc.events


def test_stone_throwing_verb_with_an_object_pronoun(nlp):
    doc = nlp.extract("أطلقت قوات الاحتلال قنابل الغاز على شبان رشقوها بالحجارة عند مدخل مدينة الخليل أمس.",
                      published="2023-07-03")
    assert any(t == "Riots" for t, _ in _types_at(doc, "الخليل")), doc.events


def test_from_time_to_time_is_a_history(nlp):
    doc = nlp.extract("وتتعرض مدينة البوكمال من حين لآخر لقصف من قبل الطيران العراقي.", published="2018-07-13")
    assert not _types_at(doc, "البوكمال"), doc.events


def test_outside_control_is_a_state(nlp):
    doc = nlp.extract("لم يتبق للمعارضة سوى جيب واحد شمالي مدينة حمص، لكن أجزاء كبيرة من بلدة تلبيسة ما زالت خارج سيطرة الحكومة.",
                      published="2018-04-22")
    assert not [e for e in events(doc) if e.event_type == "Battles"], doc.events


def test_reconciliation_and_the_towns_listed_after_it(nlp):
    text = ("انضمت خمس بلدات في ريف حمص الشمالي إلى اتفاق التسوية مع الحكومة يوم الخميس.\n"
            "ومن بين هذه البلدات الرستن وتلبيسة.")
    doc = nlp.extract(text, published="2018-05-04")
    for town in ("الرستن", "تلبيسة"):
        assert ("Strategic developments", "Non-violent transfer of territory") in _types_at(doc, town), \
            [(e.sub_event_type, e.location.name_ar) for e in doc.events]
    doc = nlp.extract("أكدت وسائل إعلام رسمية انضمام قرية عقربا إلى المصالحة أمس.", published="2018-05-04")
    assert ("Strategic developments", "Non-violent transfer of territory") in _types_at(doc, "عقربا"), doc.events


def test_reconciliation_needs_towns_joining(nlp):
    # a government plan for reconciliation is no town changing hands
    doc = nlp.extract("وافقت الحكومة السورية يوم الأحد على خطة للمصالحة الوطنية في مدينة درعا.", published="2019-05-05")
    assert ("Strategic developments", "Non-violent transfer of territory") not in _types_at(doc, "درعا"), doc.events
    # fighters joining a settlement are not their town
    doc = nlp.extract("انضم مئات المسلحين في بلدة الرستن إلى التسوية مع الحكومة الأحد.", published="2019-05-05")
    assert ("Strategic developments", "Non-violent transfer of territory") not in _types_at(doc, "الرستن"), doc.events


def test_a_list_of_those_towns_locates_the_event_before_it(nlp):
    text = "سيطرت قوات النظام أمس على خمس بلدات في ريف درعا الغربي.\nومن أهم تلك البلدات المزيريب."
    doc = nlp.extract(text, published="2018-07-10")
    assert any(t == "Battles" for t, _ in _types_at(doc, "المزيريب")), [(e.sub_event_type, e.location.name_ar) for e in doc.events]
    # a sentence with an event of its own is not a list of the previous one's places
    text = "سيطرت قوات النظام أمس على خمس بلدات في ريف درعا الغربي.\nوقصفت تلك القوات مدينة جاسم."
    doc = nlp.extract(text, published="2018-07-10")
    assert not any(t == "Battles" for t, _ in _types_at(doc, "جاسم")), doc.events


def test_those_places_with_a_predicate_or_never_counted_are_no_list(nlp):
    # "those areas" with a verb of their own describe the places, they list no event
    text = ("قتل خمسة مدنيين بقصف مدفعي على ريف إدلب الجنوبي أمس.\n"
            "وتعاني هذه المناطق، ومنها سراقب وأريحا، من نقص حاد في الخدمات.")
    doc = nlp.extract(text, published="2019-05-05")
    assert not _types_at(doc, "سراقب") and not _types_at(doc, "أريحا"), doc.events
    # the event before named one town: "those towns" were never counted for it
    text = "قصفت قوات النظام بلدة اللطامنة أمس.\nومن أبرز تلك البلدات سراقب."
    doc = nlp.extract(text, published="2019-05-05")
    assert not _types_at(doc, "سراقب"), doc.events


def test_an_event_noun_after_ithr_is_the_circumstance(nlp):
    doc = nlp.extract("سيطرت قوات النظام أمس على مدينة سراقب، ثاني أكبر مدن المحافظة، إثر انسحاب مقاتلي المعارضة.",
                      published="2020-01-30")
    types = _types_at(doc, "سراقب")
    assert any(t == "Battles" for t, _ in types), types
    assert ("Strategic developments", "Non-violent transfer of territory") not in types, types


def test_start_of_a_truce_after_a_particle_is_background(nlp):
    doc = nlp.extract("شنت القوات فجر اليوم، قبل ساعات من بدء سريان الهدنة بين حزب الله وحركة أحرار الشام في بلدة مضايا، هجوما على البلدة.",
                      published="2015-08-12")
    assert ("Strategic developments", "Agreement") not in _types_at(doc, "مضايا"), doc.events


def test_a_result_verb_refers_back_only_to_a_reported_event(nlp):
    # "وأجبر القصف" after the shelling was reported: no second shelling where they fled
    text = "قصفت المدفعية التركية قرية جنديرس أمس.\nوأجبر القصف مئات العائلات على النزوح إلى مدينة عفرين."
    doc = nlp.extract(text, published="2019-05-05")
    assert not _types_at(doc, "عفرين"), doc.events
    # the first report of the strike is an event, whatever verb it is the subject of
    doc = nlp.extract("خلف القصف الجوي على مدينة أريحا أمس دمارا واسعا.", published="2019-05-05")
    assert _types_at(doc, "أريحا"), doc.events


def test_definite_event_noun_as_topic_refers_back(nlp):
    text = ("اندلعت اشتباكات عنيفة أمس في حي سوق الجمعة بمدينة طرابلس.\n"
            "ويتبع الجهازان اسميا للمجلس الرئاسي في مدينة مصراتة، لكن المواجهات كشفت هشاشة الترتيبات الأمنية.")
    doc = nlp.extract(text, published="2023-08-16")
    assert not _types_at(doc, "مصراتة"), doc.events


def test_reported_news_of_an_event_is_asserted(nlp):
    doc = nlp.extract("ووردت أنباء عن مقتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل أمس.", published="2019-05-22")
    assert any(t == "Explosions/Remote violence" for t, _ in _types_at(doc, "كفرنبل")), doc.events


def test_retaliation_phrase_ends_at_its_comma(nlp):
    doc = nlp.extract("وردا على ذلك، قصفت المدفعية التركية قرية أم الكيف أمس.", published="2019-11-14")
    assert any(t == "Explosions/Remote violence" for t, _ in _types_at(doc, "أم الكيف")), doc.events


def test_declining_to_comment_does_not_deny(nlp):
    doc = nlp.extract("ورفض متحدث باسم الجيش التعليق على الغارة التي استهدفت بلدة كفرنبل أمس.", published="2019-05-22")
    assert any(t == "Explosions/Remote violence" for t, _ in _types_at(doc, "كفرنبل")), doc.events


def test_a_remnant_of_war_that_exploded_is_an_explosion(nlp):
    doc = nlp.extract("قتل راع بانفجار لغم أرضي من مخلفات الحرب قرب قرية الشيخ هلال بريف حماة الشرقي.",
                      published="2021-03-04")
    evs = events(doc)
    assert evs and all(e.sub_event_type == "Remote explosive/landmine/IED" for e in evs)


def test_a_remnant_of_war_that_was_removed_is_disrupted(nlp):
    doc = nlp.extract("عثرت فرق الهندسة على لغم أرضي من مخلفات الحرب في بلدة الحاضر بريف حلب.", published="2021-03-04")
    assert any(e.sub_event_type == "Disrupted weapons use" for e in events(doc))


def test_agreement_between_unnamed_parties(nlp):
    doc = nlp.extract("ووقعت قبيلتا الزوية والتبو اتفاق صلح في مدينة الكفرة برعاية المجلس الاجتماعي.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Agreement"]


def test_agreement_with_no_party_is_no_event(nlp):
    doc = nlp.extract("ويأمل السكان أن يصمد الاتفاق في مدينة الكفرة.", published="2021-03-04")
    assert not [e for e in events(doc) if e.sub_event_type == "Agreement"]


def test_fighting_an_agreement_ended_is_background(nlp):
    doc = nlp.extract("ووقع وجهاء من العشيرتين اتفاق صلح في بلدة الشحيل، أنهى اشتباكات بينهما استمرت شهرا.",
                      published="2021-03-04")
    assert [e.event_type for e in events(doc)] == ["Strategic developments"]


def test_devices_made_ready_to_explode_are_not_an_explosion(nlp):
    doc = nlp.extract("وضبطت القوة الأمنية عبوات معدة للتفجير في مزرعة قرب بلدة الرحيبة.", published="2021-03-04")
    assert not [e for e in events(doc) if e.event_type == "Explosions/Remote violence"]


def test_sudanese_marches_are_protests(nlp):
    doc = nlp.extract("أطلقت الشرطة الغاز المسيل للدموع على مواكب انطلقت في مدينة عطبرة.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Protest with intervention"]


def test_one_of_the_protesters_is_a_person_not_a_protest(nlp):
    doc = nlp.extract("وتظاهر المئات في مدينة الناصرية.\nوقال أحد المحتجين إن الإضراب سيمتد إلى مدينة الكوت.",
                      published="2021-03-04")
    assert "الكوت" not in {e.location.name_ar for e in events(doc)}


def test_dispersing_a_gathering_is_a_protest_with_intervention(nlp):
    doc = nlp.extract("فرقت الشرطة بالهراوات تجمعا للمزارعين في بلدة الشطرة.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Protest with intervention"]


def test_its_teams_is_not_dispersal(nlp):
    doc = nlp.extract("وقال الدفاع المدني إن فرقه نقلت الجرحى إلى مشفى بلدة سرمدا.", published="2021-03-04")
    assert not [e for e in events(doc) if e.event_type == "Protests"]


def test_an_assault_repelled_in_yemeni_copy_is_a_clash(nlp):
    doc = nlp.extract("وتمكن الجيش واللجان الشعبية من كسر زحف للمرتزقة باتجاه منطقة هيلان في مأرب.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Armed clash"]


def test_rpg_fire_is_a_clash_not_shelling(nlp):
    doc = nlp.extract("استهدف مسلحون بقذائف آر بي جي حاجزا للجيش في بلدة المسيفرة.", published="2021-03-04")
    assert [e.event_type for e in events(doc)] == ["Battles"]


def test_armed_tribal_fighting_is_a_clash(nlp):
    doc = nlp.extract("قتل ثلاثة أشخاص في نزاع عشائري بقضاء الزبير استخدمت فيه الأسلحة المتوسطة.", published="2021-03-04")
    assert [e.event_type for e in events(doc)] == ["Battles"]


def test_an_unarmed_brawl_is_mob_violence(nlp):
    doc = nlp.extract("أصيب خمسة أشخاص في نزاع عشائري بالعصي في قضاء الزبير.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Mob violence"]


def test_a_sniper_killing_soldiers_is_a_clash(nlp):
    doc = nlp.extract("قتل جنديان من الجيش برصاص قناص تابع للفصائل على محور بلدة كبانة.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Armed clash"]


def test_a_sniper_wounding_a_child_is_an_attack_on_civilians(nlp):
    doc = nlp.extract("أصيب طفل برصاص قناص في حي الميدان بمدينة درعا.", published="2021-03-04")
    assert [e.event_type for e in events(doc)] == ["Violence against civilians"]


def test_an_offensive_operation_by_drone_is_a_drone_strike(nlp):
    doc = nlp.extract("نفذت القوات الجوية عملية هجومية بطائرة \"صماد 3\" على مطار أبها.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Air/drone strike"]


def test_a_launcher_found_is_disrupted_weapons_use(nlp):
    doc = nlp.extract("عثرت القوات الأمنية على منصة إطلاق صواريخ في منطقة البوعيثة جنوبي بغداد.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Disrupted weapons use"]


def test_armed_men_setting_homes_on_fire_is_property_destruction(nlp):
    doc = nlp.extract("أضرم مسلحون النار في ثلاثة منازل بقرية كفر مالك شرق رام الله.", published="2021-03-04")
    assert [e.sub_event_type for e in events(doc)] == ["Looting/property destruction"]


def test_an_angry_crowd_setting_a_house_on_fire_is_a_riot(nlp):
    doc = nlp.extract("وفي حي الشيخ مقصود، هاجم حشد من الشبان الغاضبين مساء أمس الخميس منزلا قالوا إن صاحبه متعاون، "
                      "وأضرموا فيه النار.", published="2021-03-04")
    assert {e.event_type for e in events(doc)} == {"Riots"}


def test_an_attack_after_a_pluperfect_clause_is_background(nlp):
    doc = nlp.extract("وكان الجيش قد أغلق مداخل بلدة بيتا، إثر هجوم نفذه مسلح على حاجز الشهر الماضي.", published="2021-03-04")
    assert not events(doc)


def test_parties_after_a_clause_break_do_not_make_an_agreement(nlp):
    doc = nlp.extract("وقبلت بلدة تلبيسة اتفاق مصالحة إثر مفاوضات أجراها ضباط مع وجهاء محليين.", published="2021-03-04")
    assert not [e for e in events(doc) if e.sub_event_type == "Agreement"]


def test_road_blocked_with_barricades_later_in_the_clause_is_a_riot(nlp):
    doc = nlp.extract("تظاهر عشرات من أهالي مدينة غريان أمام مبنى البلدية على ما وصفوه بتردي الخدمات الصحية في المدينة، "
                      "ثم أغلقوا الطريق العام بالسواتر الترابية.", published="2022-02-10")
    assert {e.event_type for e in events(doc)} == {"Riots"}


def test_a_headquarters_moved_is_a_base_established(nlp):
    doc = nlp.extract("ونقل اللواء 444 قتال مقره الرئيسي إلى معسكر التكبالي في منطقة صلاح الدين.", published="2022-02-10")
    assert [e.sub_event_type for e in events(doc)] == ["Headquarters or base established"]


def test_a_truce_accused_of_being_broken_is_no_agreement(nlp):
    doc = nlp.extract("وتبادل الطرفان الاتهامات بانتهاك الهدنة الموقعة في مدينة الحديدة.", published="2022-02-10")
    assert not [e for e in events(doc) if e.sub_event_type == "Agreement"]


def test_an_armed_dispute_between_two_clans_is_a_clash(nlp):
    doc = nlp.extract("قتل رجلان في نزاع مسلح بين عائلتين على قطعة أرض في قرية الحمدانية.", published="2022-02-10")
    assert [e.event_type for e in events(doc)] == ["Battles"]
    doc = nlp.extract("وتقع المدينة في بلد يعيش نزاع مسلح منذ سنوات، بحسب تقرير أممي.", published="2022-02-10")
    assert not events(doc)


def test_detained_persons_are_arrests_but_stopped_fighting_is_not(nlp):
    doc = nlp.extract("وأوقفت دورية من الجيش، وفق بيان لقيادته، ثلاثة أشخاص في بلدة الهرمل بتهمة تهريب المخدرات.",
                      published="2022-02-10")
    assert [e.sub_event_type for e in events(doc)] == ["Arrests"]
    doc = nlp.extract("وأوقفت البلدية أعمال الحفر في بلدة الهرمل بعد اعتراض الأهالي.", published="2022-02-10")
    assert not [e for e in events(doc) if e.sub_event_type == "Arrests"]


def test_what_a_lynched_man_was_accused_of_is_no_protest(nlp):
    doc = nlp.extract("وأقدم حشد من الأهالي، مساء أمس، على ضرب رجل حتى الموت في ساحة التحرير بالبصرة، بعد اتهامه "
                      "بإطلاق النار على المتظاهرين.", published="2019-12-13")
    assert [e.sub_event_type for e in events(doc)] == ["Mob violence"]


def test_a_headline_place_that_anchors_the_body_events_place_is_a_summary(nlp):
    body = ("قصفت طائرات مسيرة، فجر أمس الأربعاء، مخازن قالت وزارة الدفاع إنها لمهربي الوقود في منطقة تليل غرب مدينة صبراتة.\n"
            "وتظاهر العشرات من أهالي صبراتة اليوم أمام مقر البلدية.\n"
            "وقالت الوزارة إن الضربات دقيقة.\n"
            "ولم تعلن أي جهة سقوط ضحايا.")
    doc = nlp.extract(body, title="طيران مسير يستهدف مخازن للمهربين في صبراتة", published="2023-05-25")
    assert [e.event_type for e in events(doc)].count("Explosions/Remote violence") == 1


def test_a_vague_headline_attack_sums_up_the_bodys_bombing(nlp):
    text = ("قتل 40 شخصا على الأقل، أمس الجمعة، في انفجار عبوة ناسفة داخل مسجد في قرية المزرعة التابعة لمركز العريش "
            "في محافظة شمال سيناء.\n"
            "وقال مصدر طبي إن بين القتلى أطفالا.\n"
            "ولم تعلن أي جهة مسؤوليتها عن التفجير.\n"
            "وفرضت السلطات حظرا للتجول في المنطقة.")
    doc = nlp.extract(text, title="عشرات القتلى في هجوم إرهابي على مسجد بشمال سيناء", published="2017-11-25")
    assert {e.event_type for e in events(doc)} == {"Explosions/Remote violence"}


def test_a_barrel_bomb_loaded_with_chlorine_is_a_chemical_weapon(nlp):
    doc = nlp.extract("قضى 12 مدنيا اختناقا جراء استهداف مروحيات النظام مساء أمس السبت بلدة كفرزيتا ببرميل متفجر "
                      "يحوي غاز الكلور السام.", published="2018-04-08")
    assert [e.sub_event_type for e in events(doc)] == ["Chemical weapon"]


def test_the_device_next_to_a_bare_targeting_verb_names_the_weapon(nlp):
    doc = nlp.extract("ارتفعت حصيلة التفجيرين الانتحاريين اللذين استهدفا سوقا شعبية في مدينة الصدر شرقي بغداد.",
                      published="2021-04-16")
    assert [e.sub_event_type for e in events(doc)] == ["Suicide bomb"]
    doc = nlp.extract("قتل 20 شخصا في انفجار سيارتين مفخختين استهدفتا مبنى البلدية في مدينة بلدوين.", published="2021-04-16")
    assert [e.sub_event_type for e in events(doc)] == ["Remote explosive/landmine/IED"]
    doc = nlp.extract("اعتقلت القوات ثلاثة أشخاص في الطارمية يعتقد أنهم ساعدوا في نقل الانتحاريين.", published="2021-04-16")
    assert [e.sub_event_type for e in events(doc)] == ["Arrests"]


def test_a_headline_clan_dispute_sums_up_the_bodys_armed_clash(nlp):
    body = ("اندلعت اشتباكات بالأسلحة المتوسطة بين عشيرتين في ناحية الدير شمالي البصرة، مساء أمس، أسفرت عن مقتل شخصين.\n"
            "وقال مصدر في الشرطة إن قوة أمنية انتشرت في المنطقة.\n"
            "وأضاف أن النزاع يعود إلى خلاف على أرض زراعية.\n"
            "ولم تسجل حالات اعتقال حتى الآن.")
    doc = nlp.extract(body, title="نزاع عشائري في البصرة يخلف قتيلين", published="2021-07-08")
    assert {e.event_type for e in events(doc)} == {"Battles"}
