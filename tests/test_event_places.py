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


# --------------------------------------------------------------------------- what is not a name

def test_conjoined_verb_after_plural_cue_is_not_a_place(nlp):
    doc = nlp.extract("مسلحو الحركة يقتحمون قرى ويحرقون منازل في إقليم شبيلي السفلى.", published="2022-09-06")
    assert norm("ويحرقون") not in loc_names(doc)


def test_compass_word_before_a_town_is_not_part_of_the_name(nlp):
    doc = nlp.extract("شنت قوات النظام هجوما على حي الشرفة شرقي مدينة حمص.", published="2016-03-01")
    names = loc_names(doc)
    assert norm("الشرفة") in names and norm("الشرفة شرقي") not in names


def test_name_tail_word(nlp):
    doc = nlp.extract("اندلعت اشتباكات قرب قرية قره بيك جنوب كركوك.", published="2017-10-16")
    assert norm("قره بيك") in loc_names(doc)


def test_bare_word_known_only_abroad_is_not_a_place(nlp):
    # قبلي is a Tunisian town; here it is the adjective "tribal"
    doc = nlp.extract("أحرق محتجون مبنى حكوميا في مدينة كسلا بعد اقتتال قبلي.\nوقالت الشرطة إن الهدوء عاد إلى كسلا.",
                      published="2022-10-21")
    assert norm("قبلي") not in loc_names(doc)
    assert norm("كسلا") in event_places(doc)


def test_quoted_bare_name_stays_a_place(nlp):
    doc = nlp.extract("وأعلن حزب الله أن مقاتليه استهدفوا موقع \"المالكية\" بالصواريخ.\nوقصفت إسرائيل بلدة الخيام جنوب لبنان.",
                      published="2024-01-09")
    assert norm("المالكية") in loc_names(doc)


def test_pronoun_suffixed_word_is_not_a_place(nlp):
    doc = nlp.extract("اقتحم محتجون مقر البلدية في مدينة البيضاء الليبية وأضرموا النار فيه، وتصاعد الدخان من داخله.",
                      published="2022-07-01")
    assert norm("داخله") not in loc_names(doc)


def test_live_bullets_are_not_a_neighbourhood(nlp):
    doc = nlp.extract("وتوفي شاب متأثرا بجروح أصيب بها برصاص حي مصدره قوات الأمن في طرابلس.", published="2021-01-28")
    assert norm("مصدره") not in loc_names(doc)


# --------------------------------------------------------------------------- parts of a town

def _ev_at(doc, name):
    return [e for e in events(doc) if norm(name) in norm(e.location.name_ar or "")]


def test_square_name_is_not_looked_up_and_takes_its_town(nlp):
    # "التل" is a Syrian town: after "ساحة" it is the square's own name
    doc = nlp.extract("وتجمع مئات المحتجين في ساحة التل وسط مدينة صيدا مرددين هتافات ضد الحكومة.", published="2021-01-28")
    evs = _ev_at(doc, "التل")
    assert evs
    loc = evs[0].location
    assert loc.country_code == "LB" and loc.latitude is not None and abs(loc.latitude - 33.56) < 0.1


def test_neighbourhood_takes_the_town_named_before_it(nlp):
    doc = nlp.extract("وفي مدينة حمص، قصفت قوات النظام حي جورة الشياح بقذائف الهاون.", published="2013-06-01")
    evs = _ev_at(doc, "جورة الشياح")
    assert evs and evs[0].location.latitude is not None and abs(evs[0].location.latitude - 34.73) < 0.1


# --------------------------------------------------------------------------- which place

def test_movement_origin_does_not_locate_the_event(nlp):
    doc = nlp.extract("ودفع الجيش العراقي بتعزيزات عسكرية من بغداد والأنبار باتجاه قضاء سنجار.", published="2021-08-17")
    got = event_places(doc)
    assert norm("سنجار") in got and norm("بغداد") not in got and norm("الانبار") not in got


def test_origin_cue_without_destination(nlp):
    doc = nlp.extract("وأعلن التحالف اعتراض طائرة مسيرة مفخخة أطلقتها الميليشيا الحوثية من مديرية حرض.",
                      published="2020-03-04")
    assert not any(norm("حرض") in p for p in event_places(doc))


def test_withdrawal_keeps_the_place_left(nlp):
    doc = nlp.extract("انسحبت القوات المشتركة من مديرية الدريهمي باتجاه مدينة المخا.", published="2021-11-13")
    assert any(norm("الدريهمي") in p for p in event_places(doc))


def test_place_where_an_ambassador_is_posted(nlp):
    doc = nlp.extract("قصفت طائرات تركية مقرا في قضاء مخمور. ودانت وزارة الخارجية العراقية القصف واستدعت السفير "
                      "التركي في بغداد.", published="2021-08-17")
    assert norm("بغداد") not in event_places(doc)


def test_place_inside_a_military_council_name(nlp):
    doc = nlp.extract("اندلعت اشتباكات عنيفة بين مقاتلي مجلس عين عيسى العسكري والفصائل الموالية لتركيا في محيط قرية "
                      "الدادات.", published="2019-11-14")
    got = event_places(doc)
    assert any(norm("الدادات") in p for p in got) and norm("عين عيسى") not in got


def test_town_over_the_mountain_it_is_on(nlp):
    doc = nlp.extract("شنت طائرات حربية روسية غارات جوية على جبل الأربعين في بلدة أورم الجوز جنوب إدلب.",
                      published="2019-07-23")
    got = event_places(doc)
    assert norm("أورم الجوز") in got and norm("الاربعين") not in got


def test_containing_governorate_behind_b_is_not_a_second_place(nlp):
    doc = nlp.extract("قتل خمسة مدنيين في غارة جوية على بلدة الباغوز بدير الزور.", published="2019-02-01")
    got = event_places(doc)
    assert norm("الباغوز") in got and norm("دير الزور") not in got


def test_place_before_trigger_when_the_next_clause_names_another(nlp):
    doc = nlp.extract("وتعرضت اليوم، بلدة الحراك لقصف مدفعي عنيف، كما أن قصفا مدفعيا استهدف مدينة بصرى الشام.",
                      published="2018-07-06")
    shelling = [e for e in events(doc) if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and norm(shelling[0].location.name_ar) == norm("الحراك")


# --------------------------------------------------------------------------- anaphoric places

def test_the_city_is_the_last_city_named(nlp):
    doc = nlp.extract("استعادت القوات الحكومية السيطرة على مدينة تدمر.\n\n"
                      "وذكرت الوكالة أن وحدات الهندسة فككت عشرات العبوات الناسفة في شوارع المدينة.",
                      published="2017-03-02")
    dis = [e for e in events(doc) if e.sub_event_type == "Disrupted weapons use"]
    assert dis and norm(dis[0].location.name_ar) == norm("تدمر")


def test_the_village_is_a_village_not_the_district_town(nlp):
    doc = nlp.extract("قتل خمسة مدنيين بهجوم شنه مسلحون من تنظيم داعش على قرية الحاوي التابعة لقضاء الخالص "
                      "شمال بعقوبة.\n\nواعتقلت القوات الأمنية ثلاثة مشتبه بهم في القرية.", published="2021-10-26")
    arr = [e for e in events(doc) if e.sub_event_type == "Arrests"]
    assert arr and norm(arr[0].location.name_ar) == norm("الحاوي")


def test_the_city_is_not_the_anchor_of_a_relative_place(nlp):
    doc = nlp.extract("خرجت مظاهرة في مدينة سراقب شرقي إدلب تطالب بالإفراج عن المعتقلين.\n\n"
                      "وكان المئات من أهالي المدينة قد خرجوا عقب صلاة الجمعة في مظاهرة رفعوا فيها علم الثورة.",
                      published="2017-06-11")
    assert norm("ادلب") not in event_places(doc)
    assert len([e for e in events(doc) if norm(e.location.name_ar) == norm("سراقب")]) >= 2


def test_no_antecedent_no_anaphoric_place(nlp):
    doc = nlp.extract("قال ناشطون إن مسلحين مجهولين اغتالوا شابا في شوارع المدينة.", published="2020-01-01")
    assert not events(doc)


def test_ordinal_qualifier_continues_a_listed_name(nlp):
    doc = nlp.extract("أعلنت القوات العراقية أنها حررت أحياء الضباط الثانية والجمهورية والأندلس في مدينة الرمادي.",
                      published="2016-01-10")
    got = event_places(doc)
    assert {norm("الضباط الثانية"), norm("الجمهورية"), norm("الأندلس")} <= got


def test_listed_neighbourhoods_all_take_the_town_after_the_list(nlp):
    doc = nlp.extract("أعلنت القوات العراقية أنها حررت أحياء الضباط الثانية والجمهورية في مدينة الرمادي.",
                      published="2016-01-10")
    evs = [e for e in events(doc) if norm(e.location.name_ar) in (norm("الضباط الثانية"), norm("الجمهورية"))]
    assert len(evs) == 2 and all(e.location.latitude is not None for e in evs)


def test_cue_inside_a_list_continues_it(nlp):
    doc = nlp.extract("قصف الجيش التركي بالمدفعية الثقيلة قرى المناجير وتل محمد والأسدية في ريف رأس العين.",
                      published="2019-11-14")
    assert norm("الاسديه") in event_places(doc)


def test_number_after_an_unknown_name(nlp):
    doc = nlp.extract("تقدمت القوات المشتركة في منطقة كيلو 10 جنوب مدينة الحديدة بعد معارك مع الحوثيين.",
                      published="2018-06-13")
    assert norm("كيلو 10") in loc_names(doc)


def test_relative_place_after_a_place_qualifies_it(nlp):
    doc = nlp.extract("دخلت قوات الحوثيين مديريتي التحيتا والجراحي ومنطقة الجبلية جنوب مدينة زبيد، عقب انسحاب "
                      "القوات المشتركة منها.", published="2021-11-13")
    got = event_places(doc)
    assert norm("الجبليه") in got and not any(p.startswith(norm("جنوب")) for p in got)


def test_place_a_protest_is_about_is_not_where_it_is(nlp):
    doc = nlp.extract("وفي مدينة الخليل، نظم العشرات وقفة احتجاجية أمس تنديدا بالعدوان على مخيم جنين.",
                      published="2023-07-04")
    got = event_places(doc)
    assert norm("الخليل") in got and not any(norm("جنين") in p for p in got)


def test_where_the_attackers_came_from_is_not_the_place(nlp):
    doc = nlp.extract("وفي قرية قريوت جنوب نابلس، هاجم مستوطنون من مستوطنة \"شيلو\"، بحماية من جيش الاحتلال، "
                      "المزارعين أثناء قطف الزيتون، واعتدوا عليهم بالضرب.", published="2021-10-20")
    got = event_places(doc)
    assert norm("قريوت") in got and norm("شيلو") not in got


def test_road_adjective_is_not_a_name(nlp):
    doc = nlp.extract("استهدفت الغارة سيارة كانت تقل مسلحين على طريق ترابي في مديرية الصعيد.", published="2018-03-25")
    assert norm("ترابي") not in loc_names(doc)


def test_neighbourhood_in_the_city_takes_the_last_city(nlp):
    doc = nlp.extract("شنت الهيئة حملة اعتقالات في مدينة الدانا.\n\nوقال مصدر إن عناصرها داهموا منزلا في حي "
                      "الشيخ بحر وسط المدينة واعتقلوا قياديا.", published="2020-06-24")
    locs = [e for e in doc.entities if e.type == "LOCATION" and norm(e.text) == norm("الشيخ بحر")]
    assert locs and locs[0].location.latitude is not None and abs(locs[0].location.latitude - 36.22) < 0.1


def test_college_is_named_by_any_noun(nlp):
    # a force word names the college the fighters took ("كلية الشرطة" is not the police)
    doc = nlp.extract("انتزعت فصائل المعارضة أمس السيطرة على كلية الشرطة جنوب مدينة حلب.", published="2016-08-02")
    assert norm("كلية الشرطة") in event_places(doc), doc.events
    # the location keeps "كلية": "الهندسة" alone is a common noun, not a place
    doc = nlp.extract("اقتحمت قوات الأمن كلية الهندسة في جامعة دمشق واعتقلت عشرات الطلاب.", published="2019-05-05")
    names = [norm(e.location.name_ar or "") for e in doc.events]
    assert norm("الهندسة") not in names, names


def test_name_introduced_with_a_cue_is_a_place_when_repeated_bare(nlp):
    doc = nlp.extract("بدأ سريان هدنة في بلدتي الكفرين والصالحة بريف حماة.\n\n"
                      "وأفاد ناشطون بأن فصائل المعارضة ردت بقصف الكفرين بقذائف الهاون.", published="2015-08-12")
    shell = [e for e in events(doc) if e.event_type == "Explosions/Remote violence"]
    assert shell and norm(shell[0].location.name_ar) == norm("الكفرين")
    assert shell[0].location.admin1 == "Hama"


def test_dual_cue_first_name_runs_to_the_conjunction(nlp):
    doc = nlp.extract("سيطرت قوات سوريا الديمقراطية على حيي نزلة مشلب والسباهية في شرق مدينة الرقة.",
                      published="2017-06-20")
    got = event_places(doc)
    assert norm("نزلة مشلب") in got and norm("السباهية") in got


def test_checkpoint_port_and_barracks_cues(nlp):
    names = loc_names(nlp.extract("اندلعت اشتباكات عند حاجز المسطومة، وقصف الحزب ثكنة زرعيت، وفككت القوات "
                                  "عبوة قرب ميناء الزيتون.", published="2020-01-01"))
    assert {norm("المسطومة"), norm("زرعيت"), norm("الزيتون")} <= names


def test_centre_of_a_district_is_coordinated(nlp):
    doc = nlp.extract("وأعلن الحوثيون سيطرة قواتهم على منطقة الحنكة ومركز مديرية القريشية.", published="2020-08-19")
    got = event_places(doc)
    assert norm("الحنكه") in got and norm("القريشيه") in got


def test_countryside_of_a_name_that_starts_with_a_cue_word(nlp):
    doc = nlp.extract("وعند حاجز الكفير بريف جسر الشغور الغربي اندلعت اشتباكات.", published="2020-06-24")
    assert norm("الكفير") in event_places(doc)


def test_agreement_named_for_a_place_does_not_locate_the_event(nlp):
    doc = nlp.extract("وأعلنت القوات المشتركة انسحابها تنفيذا لاتفاق ستوكهولم.", published="2021-11-14")
    assert norm("ستوكهولم") not in event_places(doc)


def test_road_between_two_towns_is_one_place(nlp):
    doc = nlp.extract("قتل عنصران من الجيش بانفجار عبوة ناسفة استهدفت سيارتهم على الطريق الواصل بين بلدتي "
                      "ذيبان والطيانة شرقي دير الزور.", published="2021-06-14")
    got = event_places(doc)
    assert norm("ذيبان") in got and norm("الطيانه") not in got


def test_containing_town_behind_a_cue_with_b_is_not_coordinated(nlp):
    doc = nlp.extract("سيطرت قوات الدعم السريع على مقر الفرقة في منطقة الجمارك بمدينة نيالا بعد معارك.",
                      published="2023-11-04")
    got = event_places(doc)
    assert norm("الجمارك") in got and norm("نيالا") not in got


def test_compound_cue(nlp):
    doc = nlp.extract("سقطت عدة قذائف هاون على مجمع سيدكا المحصن قرب مطار مقديشو الدولي.", published="2018-11-09")
    assert norm("سيدكا") in event_places(doc)


def test_neighbourhood_with_no_town_nearby_takes_the_story_town(nlp):
    doc = nlp.extract("أعلن الجيش استعادة السيطرة على مدينة سنجة.\n\nوأفاد سكان بأن المسلحين نهبوا، قبل انسحابهم، "
                      "محال تجارية وأحرقوا مخازن في حي القلعة.", published="2024-11-23")
    locs = [e for e in doc.entities if e.type == "LOCATION" and norm(e.text) == norm("القلعة")]
    assert locs and "in_town" in locs[0].tags


def test_where_an_actor_is_active_is_not_the_place(nlp):
    doc = nlp.extract("ويأتي الانسحاب غداة إعلان فصيل لواء السلام الذي ينشط تحديدا في ريف إدلب الجنوبي رفضه للاتفاق.",
                      published="2018-09-30")
    assert not any("ادلب" in p for p in event_places(doc))


def test_where_an_organisation_is_based_is_not_the_place(nlp):
    doc = nlp.extract("قصفت المدفعية بلدة تل رفعت.\n\nوأكدت منظمة إغاثة محلية ومقرها في مدينة أعزاز أن البلدة "
                      "تعرضت لقصف عنيف طوال الليل.", published="2019-05-05")
    assert norm("أعزاز") not in event_places(doc), event_places(doc)


def test_capital_after_ma_is_the_government(nlp):
    doc = nlp.extract("وافقت خمس بلدات في ريف حمص الشمالي على اتفاق للمصالحة مع دمشق، فيما تستمر الغارات على جبهات "
                      "أخرى.", published="2018-05-02")
    assert norm("دمشق") not in event_places(doc)


def test_news_outlet_named_for_a_town_is_not_the_place(nlp):
    doc = nlp.extract("خطف مسلحون مجهولون ثلاثة رعاة في صحراء الأنبار.\n\nوقال مصدر أمني لـ\"الموصل اليوم\" إن "
                      "المسلحين أحرقوا عجلات تعود للمختطفين.", published="2023-03-10")
    assert norm("الموصل") not in event_places(doc)


def test_topic_place_when_no_other_place_is_named(nlp):
    doc = nlp.extract("تظاهر العشرات احتجاجا على اعتقال شاب في بلدة طفس.", published="2022-03-08")
    assert norm("طفس") in event_places(doc)


def test_where_people_were_taken_is_not_the_place(nlp):
    doc = nlp.extract("وفي جنين، اعتقلت قوات الاحتلال فجر اليوم أربعة شبان من بلدة يعبد واقتادتهم إلى معسكر سالم.",
                      published="2021-07-23")
    got = event_places(doc)
    assert norm("يعبد") in got and norm("سالم") not in got and norm("جنين") not in got


# ------------------------------------------------------- gold_d: more varied places

def test_where_attackers_are_stationed_is_not_the_place(nlp):
    doc = nlp.extract("سقطت قذائف هاون مصدرها الفصائل المتمركزة في تلة الحدادة على بلدة الحاضر بريف حلب، "
                      "ما أدى إلى إصابة مدنيين.", published="2021-03-04")
    assert event_places(doc) == {norm("الحاضر")}


def test_where_the_target_is_stationed_is_the_place(nlp):
    doc = nlp.extract("قصفت المدفعية التركية مواقع القوات المتمركزة في قرية الياشلي بريف منبج.", published="2021-03-04")
    assert norm("الياشلي") in event_places(doc)


def test_where_victims_come_from_is_not_the_place(nlp):
    doc = nlp.extract("خطف مسلحون ثلاثة من أبناء بلدة الكرك على الطريق الواصل بين بلدتي المليحة وبصر الحرير.",
                      published="2021-03-04")
    assert event_places(doc) == {norm("المليحة")}


def test_correspondent_posted_in_a_town_is_not_the_place(nlp):
    doc = nlp.extract("أسقطت الدفاعات الجوية طائرة مسيرة مفخخة فوق بلدة السقيلبية بريف حماة.\n"
                      "وذكر مراسل الوكالة في حمص أن الطائرة المسيرة أسقطت قبل وصولها إلى هدفها.",
                      published="2021-03-04")
    assert norm("حمص") not in event_places(doc)


def test_road_with_a_dash_is_one_place_its_first_end(nlp):
    doc = nlp.extract("قتل سائق بانفجار عبوة ناسفة على طريق الصنمين - إزرع في ريف درعا.", published="2021-03-04")
    assert event_places(doc) == {norm("الصنمين")}


def test_village_near_a_road_is_the_place(nlp):
    doc = nlp.extract("قتل مدني برصاص مجهولين على طريق حمص - السخنة قرب قرية الفرقلس الشرقية.", published="2021-03-04")
    assert event_places(doc) == {norm("قرب قرية الفرقلس الشرقية")}


def test_containing_district_after_a_relative_place_is_not_the_place(nlp):
    doc = nlp.extract("قصفت طائرات تركية مواقع في محيط قرية بيبادي بقضاء زاخو شمالي دهوك.", published="2021-03-04")
    places = event_places(doc)
    assert places and all(norm("بيبادي") in p for p in places)


def test_containing_district_before_the_trigger_is_not_the_place(nlp):
    doc = nlp.extract("وقالت المصادر إن قرية الحصامة بمديرية باقم تعرضت لقصف مدفعي سعودي.", published="2021-03-04")
    assert event_places(doc) == {norm("الحصامة")}


def test_region_after_iqlim_is_a_region(nlp):
    doc = nlp.extract("قتل ثلاثة من مقاتلي حركة الشباب في غارة جوية قرب بلدة كونتوواري بإقليم شبيلي السفلى.",
                      published="2021-03-04")
    places = event_places(doc)
    assert places and all(norm("كونتوواري") in p for p in places)


def test_small_known_place_with_a_size_qualifier_is_its_twin(nlp):
    doc = nlp.extract("اختطف مسلحون مجهولون تاجرا في قرية الصورة الكبيرة بريف السويداء.", published="2021-03-04")
    assert norm("الصورة الكبيرة") in loc_names(doc)


def test_khirba_is_a_place_cue(nlp):
    doc = nlp.extract("هدمت جرافات الاحتلال خيمة سكنية في خربة طانا شرق نابلس.", published="2021-03-04")
    assert norm("طانا") in loc_names(doc) or norm("خربة طانا") in loc_names(doc)


def test_a_spot_between_two_towns_is_one_place(nlp):
    doc = nlp.extract("فكك الجيش صاروخين عثر عليهما في حقل بين بلدتي زبقين وياطر جنوب لبنان.", published="2021-03-04")
    assert event_places(doc) == {norm("زبقين")}


def test_a_list_closed_with_wa_ends_at_the_comma(nlp):
    doc = nlp.extract("وخرجت مظاهرات في بلدات الكرك وناحتة والمليحة، هتف فيها المشاركون ضد الفساد.", published="2021-03-04")
    assert event_places(doc) == {norm("الكرك"), norm("ناحتة"), norm("المليحة")}


def test_an_office_after_mudiriya_is_no_place(nlp):
    doc = nlp.extract("اعتصم عشرات الموظفين أمام مبنى مديرية الزراعة في مدينة الديوانية.", published="2021-03-04")
    assert event_places(doc) == {norm("الديوانية")}


def test_around_two_villages_is_an_event_at_each(nlp):
    doc = nlp.extract("قصفت المدفعية التركية محيط قريتي كوردكي وشيلادزي في محافظة دهوك.", published="2021-03-04")
    assert {norm("كوردكي"), norm("شيلادزي")} <= event_places(doc)


def test_a_valley_is_a_place_cue(nlp):
    doc = nlp.extract("هاجم مسلحون نقطة أمنية في وادي حطاط بمديرية المحفد في أبين.", published="2021-03-04")
    assert event_places(doc) == {norm("حطاط")}


def test_an_office_named_for_a_place_is_not_the_place(nlp):
    doc = nlp.extract("وقال مصدر في شرطة كركوك إن قوة أمنية اعتقلت ثلاثة مطلوبين.", published="2021-03-04")
    assert norm("كركوك") not in event_places(doc)


def test_a_square_in_the_city_after_its_governorate_takes_the_seat(nlp):
    doc = nlp.extract("تجمع المئات في محافظة درعا، حيث احتشد المحتجون في ساحة الكرامة وسط المدينة.",
                      published="2021-03-04")
    sq = [e for e in doc.entities if e.type == "LOCATION" and "in_town" in e.tags]
    assert sq and sq[0].location.latitude is not None


def test_the_road_s_first_end_before_the_trigger(nlp):
    doc = nlp.extract("فككت الشرطة عبوتين ناسفتين على طريق الشرقاط - القيارة، فيما عثرت على مخزن للأسلحة.",
                      published="2021-03-04")
    assert norm("القيارة") not in event_places(doc)


def test_a_place_named_for_a_person_after_a_cue(nlp):
    doc = nlp.extract("سقط صاروخ قرب قاعدة الإمام حسين الجوية في محافظة ذي قار.", published="2021-03-04")
    assert norm("الإمام حسين") in loc_names(doc)


def test_a_base_in_a_town_takes_the_town_s_coordinates(nlp):
    doc = nlp.extract("استهدفت طائرة مسيرة قاعدة الأمير سلطان الجوية في الخرج.", published="2021-03-04")
    base = [e for e in doc.entities if e.type == "LOCATION" and "in_town" in e.tags]
    assert base and base[0].location.latitude is not None


def test_a_base_with_no_town_after_it_stays_unplaced(nlp):
    doc = nlp.extract("قصفت الفصائل مدينة الرقة.\nوسقطت قذائف قرب قاعدة الطبقة العسكرية.", published="2021-03-04")
    assert not [e for e in doc.entities if e.type == "LOCATION" and "in_town" in e.tags]


def test_a_region_before_the_trigger_yields_to_the_precise_place_of_the_same_strike(nlp):
    doc = nlp.extract("وفي محافظة مأرب، قتل أربعة بغارة يرجح أنها للتحالف، استهدفت سيارتهم في منطقة الرويك.",
                      published="2021-03-04")
    assert event_places(doc) == {norm("الرويك")}


def test_an_unknown_area_after_a_town_in_its_sentence_takes_its_coordinates(nlp):
    doc = nlp.extract("شهدت مدينة الزاوية اشتباكات عنيفة في منطقة الحشان بين مجموعتين مسلحتين.",
                      published="2021-03-04")
    area = [e for e in doc.entities if e.type == "LOCATION" and "in_town" in e.tags]
    assert area and area[0].location.latitude is not None


def test_an_unknown_area_with_no_town_in_its_sentence_stays_unplaced(nlp):
    doc = nlp.extract("سيطرت قوات الحكومة على مدينة الزاوية.\nواندلعت اشتباكات في منطقة الحشان الغربية.",
                      published="2021-03-04")
    assert not [e for e in doc.entities if e.type == "LOCATION" and "in_town" in e.tags]


def test_fima_ends_a_list_of_neighbourhoods(nlp):
    doc = nlp.extract("تدور اشتباكات في حارة السمران وحي الجابريات، فيما فجر المقاومون عبوة.", published="2021-03-04")
    assert norm("فيما") not in loc_names(doc)


def test_a_headline_place_the_body_names_as_the_area_around_its_event(nlp):
    doc = nlp.extract("قتل ثلاثة جنود في هجوم شنه مسلحون على حاجز في وادي حطاط بمديرية المحفد شرقي محافظة أبين.",
                      title="هجوم لمسلحين على حاجز للجيش في المحفد", published="2021-03-04")
    assert norm("المحفد") not in event_places(doc)


def test_a_units_area_of_operations_is_not_the_place_of_its_fight(nlp):
    # "العاملة في": where the unit operates; and "جبهة النصرة" (a group) is no "نصرة لـ" topic word
    doc = nlp.extract("تصدت وحدات من الجيش العاملة في ريف حماة الشمالي فجر اليوم لهجوم شنته مجموعات إرهابية من "
                      "تنظيم \"جبهة النصرة\" على نقاطها في محيط بلدة اللطامنة.", published="2021-04-12")
    assert event_places(doc) == {norm("اللطامنة")} or all("اللطامنه" in p for p in event_places(doc))


def test_scattered_areas_are_not_a_place_name(nlp):
    doc = nlp.extract("أصيب 12 مواطنا في غارات شنتها طائرات الاحتلال على مناطق متفرقة من قطاع غزة.", published="2021-05-12")
    assert not any("متفرق" in p for p in event_places(doc))


def test_an_unknown_two_word_village_in_a_list_keeps_the_list_going(nlp):
    doc = nlp.extract("قصفت المدفعية التركية صباح اليوم قرى كور حسن وتل شعير وجاموس في ريف عين عيسى.",
                      published="2022-11-22")
    assert norm("كور حسن") in event_places(doc) and len(events(doc)) == 3


def test_a_bridge_in_a_town_is_placed_at_the_town(nlp):
    doc = nlp.extract("أطلقت قوات الأمن الرصاص الحي على المحتجين عند جسر السنك في مدينة الكوت.", published="2019-11-29")
    locs = [e.location for e in events(doc)]
    assert locs and all(l.latitude is not None and l.admin1 for l in locs)


def test_an_airport_keeps_its_cue_and_international_in_its_name(nlp):
    doc = nlp.extract("سقطت ثلاث قذائف صاروخية فجر اليوم في محيط مطار البصرة الدولي.", published="2021-07-08")
    names = event_places(doc)
    assert names and all(norm("مطار البصرة الدولي") in p for p in names)
