"""Where an event happens: place mentions as the event stage uses them (one test per rule,
on sentences written for the test in the style of wire reports)."""
from __future__ import annotations

import pytest

from rasd import Pipeline
from rasd.text import norm


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def events(doc, modality=("asserted", "claimed")):
    return [e for e in doc.events if e.modality in modality]


def event_places(doc) -> set[str]:
    return {norm(e.location.name_ar or "") for e in events(doc)}


def loc_names(doc) -> set[str]:
    return {norm(e.location.name_ar or "") for e in doc.entities if e.type == "LOCATION"}


# --------------------------------------------------------------------------- lists

def test_bracketed_list_after_introducer(nlp):
    doc = nlp.extract("أعلنت قوات سوريا الديمقراطية أنها حررت ثلاث قرى شرق نهر الخابور هي (الصالحية ـ أم مدفع ـ "
                      "تل حميس الكبير) في ريف الحسكة.", published="2019-05-02")
    assert {norm("الصالحية"), norm("أم مدفع"), norm("تل حميس الكبير")} <= event_places(doc)


def test_bracketed_list_items_are_villages_not_foreign_towns(nlp):
    # الجنينة is a big town in Sudan; after "قرى ... هي" in a Syrian story it is a village
    doc = nlp.extract("سيطرت قوات النظام على قرى في ريف دير الزور هي (الجنينة ـ البوليل ـ الحصان) بعد معارك.\n"
                      "وقال المرصد إن المعارك مستمرة في دير الزور.", published="2018-04-29")
    jn = [e for e in doc.entities if e.type == "LOCATION" and norm(e.text) == norm("الجنينة")]
    assert jn and all(e.location.country_code == "SY" for e in jn)


def test_detached_conjunction_in_a_list(nlp):
    doc = nlp.extract("تركزت الاشتباكات على مواقع الحوثيين في مناطق الحيمة والمشنة و الصراري شرق محافظة تعز.",
                      published="2018-05-03")
    assert {norm("الحيمة"), norm("المشنة"), norm("الصراري")} <= event_places(doc)


def test_each_cued_item_of_a_list_is_a_place_of_the_event(nlp):
    doc = nlp.extract("واستعادت القوات الحكومية السيطرة على عدد من التلال منها تبة الصمع، وتبة النمر، وتبة السلال "
                      "في مديرية نهم.", published="2019-02-11")
    assert {norm("الصمع"), norm("النمر"), norm("السلال")} <= event_places(doc)


def test_generic_place_noun_joins_two_targets(nlp):
    doc = nlp.extract("وسقطت قذائف هاون على العاصمة السورية، استهدفت منطقة القصاع وأماكن في منطقة باب توما.",
                      published="2018-02-25")
    got = event_places(doc)
    assert norm("القصاع") in got and any(norm("باب توما") in p for p in got)


def test_containing_district_is_not_coordinated(nlp):
    doc = nlp.extract("واعتقلت قوات الأمن ثلاثة مشتبه بهم في حملة مداهمات في حي الجبل بمديرية المنصورة في عدن.",
                      published="2016-05-16")
    arrests = [e for e in events(doc) if e.sub_event_type == "Arrests"]
    assert arrests and all(norm("المنصورة") not in norm(e.location.name_ar or "") for e in arrests)


def test_name_head_tulul(nlp):
    doc = nlp.extract("انضمت قرى وبلدات المليحة وتلول الحمر إلى اتفاق المصالحة.", published="2018-06-30")
    assert norm("تلول الحمر") in loc_names(doc)
