"""Actor1/actor2 of events: one rule per test, on sentences written for the test."""
from __future__ import annotations

import pytest

from rasd import Pipeline


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def at(nlp, text, place, published="2023-05-10"):
    doc = nlp(text, published=published)
    evs = [e for e in doc.events if e.modality in ("asserted", "claimed")
           and e.location is not None and place in (e.location.name_ar or "")]
    assert evs, [(e.event_type, e.location and e.location.name_ar) for e in doc.events]
    return evs[0]


def name(actor):
    return actor.name if actor is not None else None


# ---------------------------------------------------------------- crowds
def test_dispersed_protest_keeps_protesters_as_actor1(nlp):
    ev = at(nlp, "فرقت قوات أمنية بالقوة وقفة احتجاجية أمام مقر المحافظة في مدينة الزاوية الليبية.", "الزاوية")
    assert ev.event_type == "Protests"
    assert name(ev.actor1) == "Protesters (Libya)"
    assert name(ev.actor2) == "Police Forces of Libya"


def test_burning_protesters_are_rioters(nlp):
    ev = at(nlp, "أحرق محتجون غاضبون إطارات مطاطية أمام مبنى المحافظة في مدينة كسلا السودانية.", "كسلا")
    assert ev.event_type == "Riots"
    assert name(ev.actor1) == "Rioters (Sudan)"


def test_force_facing_stone_throwers_is_actor2_of_the_riot(nlp):
    ev = at(nlp, "أطلقت قوات الاحتلال الرصاص المطاطي على شبان رشقوها بالحجارة عند مدخل مدينة الخليل.", "الخليل")
    assert ev.event_type == "Riots"
    assert name(ev.actor1) == "Rioters (Palestine)"
    assert name(ev.actor2) == "Military Forces of Israel"


def test_towns_joining_reconciliation_pass_to_state_forces(nlp):
    ev = at(nlp, "أعلنت مصادر محلية انضمام بلدة المسيفرة في ريف درعا الشرقي إلى المصالحات.", "المسيفرة")
    assert name(ev.actor1) == "Military Forces of Syria"


# ---------------------------------------------------------------- agents after a noun
def test_genitive_with_li_after_a_weapon_word(nlp):
    ev = at(nlp, "شنت مقاتلات غارات لطيران التحالف الدولي على مواقع داعش في بلدة هجين بريف دير الزور.", "هجين")
    assert name(ev.actor1) == "Operation Inherent Resolve" or "Coalition" in name(ev.actor1)


def test_fire_from_an_actor_after_a_noun_trigger(nlp):
    ev = at(nlp, "تعرضت بلدة كفرنبودة لقصف عنيف من الطائرات الحربية الروسية صباح اليوم.", "كفرنبودة")
    assert name(ev.actor1) == "Military Forces of Russia"


def test_fire_from_positions_of_an_actor(nlp):
    ev = at(nlp, "تعرضت مدينة الدلنج لقصف مدفعي من مواقع قوات الدعم السريع مساء أمس.", "الدلنج")
    assert name(ev.actor1) == "Rapid Support Forces"


def test_relative_clause_names_who_fired(nlp):
    ev = at(nlp, "سقطت قذائف أطلقتها ميليشيا الحوثي على حي الجحملية في مدينة تعز.", "الجحملية")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"


def test_unit_owned_by_an_actor_is_that_actor(nlp):
    ev = at(nlp, "شنت طائرة مسيرة تابعة لقوات حفتر غارة على مطار زوارة.", "زوارة")
    assert name(ev.actor1) == "Libyan National Army"


# ---------------------------------------------------------------- victims and allies
def test_actor_before_casualties_by_means_of_event_is_victim(nlp):
    ev = at(nlp, "قتل ثلاثة عناصر من قوات سوريا الديمقراطية بانفجار عبوة ناسفة في بلدة ذيبان.", "ذيبان")
    assert ev.actor1 is None or name(ev.actor1) != "Syrian Democratic Forces"
    assert name(ev.actor2) == "Syrian Democratic Forces"


def test_victims_before_and_agent_after(nlp):
    ev = at(nlp, "قتل خمسة من مسلحي حركة الشباب بغارة لطائرات الجيش الصومالي في بلدة جلب.", "جلب")
    assert name(ev.actor1) == "Military Forces of Somalia"
    assert name(ev.actor2) == "Al Shabaab"


def test_coordination_partner_is_not_the_target(nlp):
    ev = at(nlp, "شن الجيش الكيني غارة جوية على بلدة بارديري بالتنسيق مع الحكومة الصومالية.", "بارديري")
    assert ev.actor2 is None or "Somalia" not in name(ev.actor2)


def test_li_before_a_perfect_form_is_a_masdar(nlp):
    # "لقصف" is not an emphatic perfect verb that continues the paragraph's agent
    ev = at(nlp, "هاجمت قوات النظام مواقع الفصائل في بلدة اللطامنة. وتعرضت بلدة كفرزيتا لقصف عنيف من الطائرات الروسية.",
            "كفرزيتا")
    assert name(ev.actor1) == "Military Forces of Russia"


def test_agent_cue_after_a_clause_break_belongs_to_another_event(nlp):
    ev = at(nlp, "أعلن الجيش السوداني استعادة السيطرة على مدينة سنجة بعد أشهر من سقوطها بيد قوات الدعم السريع.", "سنجة")
    assert name(ev.actor1) == "Military Forces of Sudan"


# ---------------------------------------------------------------- across triggers and sentences
def test_definite_event_noun_takes_actor_of_the_event_reported_before(nlp):
    text = ("نصب مسلحو تنظيم داعش كمينا لقوات الحشد الشعبي في قضاء الطارمية شمالي بغداد. "
            "وقالت مصادر أمنية إن الهجوم وقع مساء الأحد قرب ناحية المقدادية.")
    ev = at(nlp, text, "المقدادية", published="2019-03-11")
    assert name(ev.actor1) == "Islamic State"


def test_indefinite_event_noun_does_not_take_earlier_actor(nlp):
    text = ("نصب مسلحو تنظيم داعش كمينا لقوات الحشد الشعبي في قضاء الطارمية شمالي بغداد. "
            "وفي سياق آخر، وقع هجوم على حاجز للشرطة قرب ناحية المقدادية.")
    ev = at(nlp, text, "المقدادية", published="2019-03-11")
    assert ev.actor1 is None or name(ev.actor1) != "Islamic State"


def test_verb_after_event_noun_has_the_noun_agent(nlp):
    text = "قتل قياديان حوثيان بغارة لطائرات تحالف دعم الشرعية استهدفتهم على الطريق بين مديريتي حيس والخوخة."
    doc = nlp(text, published="2018-05-03")
    for ev in doc.events:
        if ev.modality == "asserted":
            assert name(ev.actor1) == "Saudi-led Coalition"


def test_repelled_attack_genitive_is_the_attacker(nlp):
    text = ("شن الجيش الوطني هجوما على مواقع الحوثيين في مديرية نهم. "
            "وفي محيط مدينة تعز، صدت القوات الحكومية هجوما للحوثيين على مواقعها في منطقة الزنوج.")
    ev = at(nlp, text, "الزنوج", published="2018-05-03")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"
    assert ev.actor2 is not None and "Yemen" in name(ev.actor2)


# ---------------------------------------------------------------- launchers, patients, clauses
def test_launcher_of_intercepted_missile_is_actor2(nlp):
    ev = at(nlp, "أعلنت قوات التحالف اعتراض صاروخ باليستي أطلقته ميليشيا الحوثي باتجاه مدينة جازان.", "جازان")
    assert ev.sub_event_type == "Disrupted weapons use"
    assert ev.actor1 is None or "Houthi" not in name(ev.actor1)
    assert ev.actor2 is not None and "Houthi" in name(ev.actor2)


def test_subject_of_taarrada_suffers_the_attack(nlp):
    ev = at(nlp, "تعرضت قوات الحشد الشعبي لهجوم بالأسلحة الخفيفة قرب قضاء الطارمية.", "الطارمية", published="2019-03-11")
    assert ev.actor1 is None or name(ev.actor1) != "Popular Mobilization Forces"
    assert name(ev.actor2) == "Popular Mobilization Forces"


def test_subject_of_an_earlier_clause_is_not_the_agent(nlp):
    ev = at(nlp, "وصلت تعزيزات من الحشد الشعبي إلى المنطقة، فيما نفذت قوة أمنية حملة دهم وتفتيش في قضاء الطارمية.",
            "الطارمية", published="2019-03-11")
    assert name(ev.actor1) == "Police Forces of Iraq"


def test_aircraft_of_the_army_named_after_li(nlp):
    ev = at(nlp, "نفذ الطيران الحربي للجيش السوداني غارات جوية على مواقع الدعم السريع في مدينة الكومة.", "الكومة")
    assert name(ev.actor1) == "Military Forces of Sudan"


@pytest.mark.parametrize("form,expected", [
    ("العدو الإسرائيلي", "actor:mil-il"),
    ("قوى العدوان", "actor:saudi-coalition"),
    ("القوات الفيدرالية الصومالية", "actor:mil-so"),
    ("قوة أمنية", "actor:generic-police"),
])
def test_state_media_and_wire_names_of_forces(form, expected):
    from rasd.kb import load

    assert load(()).lookup(form).actor_ids == [expected]


def test_gunmen_of_a_group_as_subject(nlp):
    ev = at(nlp, "أحرق مسلحو حركة الشباب، مساء الثلاثاء، عشرات المنازل في بلدة بولوبردي.", "بولوبردي", published="2021-05-10")
    assert name(ev.actor1) == "Al Shabaab"


def test_nisba_of_the_aircraft_after_an_agent_verb(nlp):
    text = "قتل ثلاثة من عناصر تنظيم القاعدة في جزيرة العرب بغارة نفذتها طائرة أمريكية من دون طيار في مديرية الصعيد."
    ev = at(nlp, text, "الصعيد", published="2019-02-10")
    assert name(ev.actor1) == "Military Forces of the United States"
    assert ev.actor2 is not None and "Qaeda" in name(ev.actor2)


def test_nisba_of_a_drone_that_is_the_verb_subject(nlp):
    ev = at(nlp, "وكانت طائرة مسيرة إسرائيلية معادية استهدفت ظهر اليوم سيارة على طريق بلدة عيتا الشعب.", "عيتا الشعب",
            published="2024-02-10")
    assert name(ev.actor1) == "Military Forces of Israel"


def test_withdrawing_side_is_actor2_of_the_transfer(nlp):
    text = "دخلت قوات الجيش الصومالي صباح اليوم مدينة محاس بعد انسحاب مسلحي حركة الشباب منها."
    ev = at(nlp, text, "محاس", published="2022-10-10")
    assert ev.sub_event_type == "Non-violent transfer of territory"
    assert name(ev.actor1) == "Military Forces of Somalia"
    assert name(ev.actor2) == "Al Shabaab"


def test_withdrawal_with_no_taker_named_keeps_the_withdrawing_side(nlp):
    ev = at(nlp, "انسحب مقاتلو حركة الشباب من بلدة محاس بموجب اتفاق مع شيوخ العشائر.", "محاس", published="2022-10-10")
    assert name(ev.actor1) == "Al Shabaab"


def test_ally_after_bi_is_not_the_taker(nlp):
    text = "دخلت قوات الجيش الصومالي مدعومة بمقاتلي العشائر صباح اليوم مدينة محاس بعد انسحاب مسلحي حركة الشباب منها."
    ev = at(nlp, text, "محاس", published="2022-10-10")
    assert name(ev.actor1) == "Military Forces of Somalia"


def test_owner_of_the_targeted_positions_is_not_the_agent(nlp):
    ev = at(nlp, "استهدف قصف صاروخي مواقع عسكرية للنظام السوري في مدينة مصياف مساء الأحد.", "مصياف",
            published="2018-04-30")
    assert ev.actor1 is None or name(ev.actor1) != "Military Forces of Syria"
    assert name(ev.actor2) == "Military Forces of Syria"


def test_owner_of_an_attacked_base_is_not_the_subject_of_the_clash(nlp):
    text = "وفي بلدة بلعد، هاجم مسلحو حركة الشباب فجر اليوم قاعدة عسكرية للجيش الصومالي، واندلعت اشتباكات استمرت ساعات."
    ev = at(nlp, text, "بلعد", published="2022-10-10")
    assert name(ev.actor1) == "Al Shabaab"


def test_libyan_army_is_the_lna_and_its_captures_are_government_regains(nlp):
    ev = at(nlp, "أعلن الجيش الليبي سيطرته على حي الصابري وسط مدينة بنغازي بعد معارك عنيفة.", "الصابري",
            published="2017-11-10")
    assert name(ev.actor1) == "Libyan National Army"
    assert ev.sub_event_type == "Government regains territory"


def test_explicit_alias_beats_a_generated_branch_form():
    from rasd.kb import load

    kb = load(())
    assert kb.lookup("الجيش الليبي").actor_ids == ["actor:lna"]
    assert kb.lookup("القوات المسلحة الليبية").actor_ids == ["actor:mil-ly"]
    assert kb.lookup("الجيش السوري").actor_ids == ["actor:saa"]


def test_agent_after_a_partitive(nlp):
    ev = at(nlp, "قتل ثلاثة مدنيين بهجوم شنه مسلحون من تنظيم داعش على قرية الرشاد جنوب كركوك.", "الرشاد",
            published="2019-03-11")
    assert name(ev.actor1) == "Islamic State"


def test_post_of_a_unit_that_came_under_attack(nlp):
    text = "تعرضت نقطة تابعة للواء 13 في الحشد الشعبي لهجوم من قبل عناصر داعش قرب قضاء الطارمية."
    ev = at(nlp, text, "الطارمية", published="2019-03-11")
    assert name(ev.actor1) == "Islamic State"


def test_militias_refers_back_to_a_group_named_as_militias(nlp):
    text = ("قصفت ميليشيات الحوثي أحياء سكنية في مدينة تعز. "
            "وفي جبهة نهم، صدت قوات الجيش الوطني هجوما عنيفا شنته الميليشيات على مواقعها في منطقة المدفون.")
    ev = at(nlp, text, "المدفون", published="2018-05-03")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"


def test_the_forces_refers_back_to_the_forces_named_before(nlp):
    text = ("دخلت قوات الجيش الصومالي صباح أمس مدينة محاس بعد انسحاب مسلحي حركة الشباب منها. "
            "كما استعادت القوات في اليوم ذاته بلدة بولوبردي بعد اشتباكات قصيرة.")
    ev = at(nlp, text, "بولوبردي", published="2022-10-10")
    assert name(ev.actor1) == "Military Forces of Somalia"


def test_air_force_and_police_directorate_names(nlp):
    from rasd.kb import load

    kb = load(())
    assert kb.lookup("القوة الجوية العراقية").actor_ids == ["actor:mil-iq"]
    assert kb.lookup("مديرية شرطة").actor_ids == ["actor:generic-police"]


def test_joint_forces_by_theatre(nlp):
    ev = at(nlp, "اندلعت اشتباكات عنيفة بين القوات المشتركة والحوثيين في مديرية حيس جنوب الحديدة.", "حيس",
            published="2019-11-17")
    assert name(ev.actor1) == "Military Forces of Yemen"
    text = ("شنت القوات المشتركة هجوما على تجمعات الدعم السريع شرقي مدينة الفاشر. "
            "وقال الجيش السوداني إن قواته صدت هجوما للدعم السريع في المدينة.")
    ev = at(nlp, text, "الفاشر", published="2024-06-10")
    assert name(ev.actor1) in ("Joint Force of Armed Struggle Movements", "Military Forces of Sudan")


def test_forces_defined_by_their_owner_are_no_back_reference():
    from rasd import Pipeline

    doc = Pipeline()("أعلنت قوات حفتر سيطرتها على مدينة سرت بعد انسحاب القوات التابعة لحكومة الوفاق منها.",
                     published="2020-01-07")
    refs = [(e.text, e.ref) for e in doc.entities if e.type == "ACTOR"]
    assert ("القوات", "actor:lna") not in refs


def test_the_army_with_nothing_named_before_is_the_home_army(nlp):
    text = ("تقدم الجيش في جبهة صرواح غرب مأرب واشتدت المواجهات مع الحوثيين في مديرية نهم. "
            "وقال مصدر عسكري يمني إن الجيش استعاد السيطرة على مواقع في مديرية نهم.")
    ev = at(nlp, text, "نهم", published="2018-05-03")
    assert name(ev.actor1) == "Military Forces of Yemen"


def test_our_armed_forces_in_a_quoted_state_statement(nlp):
    text = ("ذكرت وكالة الأنباء الرسمية أن وحدات من قواتنا المسلحة تمكنت من تحرير قرية الجنينة شرق نهر الفرات "
            "التي كانت تحت سيطرة قوات سوريا الديمقراطية.")
    ev = at(nlp, text, "الجنينة", published="2018-02-08")
    assert name(ev.actor1) == "Military Forces of Syria"


def test_reporter_of_a_passive_agreement_is_not_a_party(nlp):
    ev = at(nlp, "أعلنت الأمم المتحدة أنه تم الاتفاق على هدنة بين الميليشيات المتحاربة في مدينة طرابلس.", "طرابلس",
            published="2018-09-05")
    assert ev.actor1 is None or name(ev.actor1) != "United Nations"


def test_militias_with_no_referent_are_unidentified(nlp):
    ev = at(nlp, "أعلنت الأمم المتحدة أنه تم الاتفاق على هدنة بين الميليشيات المتحاربة في مدينة طرابلس.", "طرابلس",
            published="2018-09-05")
    assert ev.actor1 is not None and name(ev.actor1).startswith("Unidentified Armed Group")


def test_clashes_that_an_attack_led_to_have_its_sides(nlp):
    text = ("تعرضت نقطة تابعة للحشد الشعبي لهجوم من قبل عناصر داعش قرب قضاء الطارمية، "
            "ما أدى إلى اندلاع اشتباكات استمرت ساعة.")
    doc = nlp(text, published="2019-03-11")
    evs = [e for e in doc.events if e.modality == "asserted"]
    assert evs and all(name(e.actor1) == "Islamic State" for e in evs)


def test_militias_prefer_the_group_named_as_militias_over_a_later_militia_type():
    from rasd import Pipeline

    text = ("قصفت ميليشيا الحوثي أحياء سكنية في تعز. وصدت قوات الجيش الوطني والمقاومة الشعبية "
            "هجوما عنيفا شنته الميليشيات على مواقعها في مديرية الوازعية.")
    doc = Pipeline()(text, published="2017-06-10")
    refs = [e.ref for e in doc.entities if e.type == "ACTOR" and e.text == "الميليشيات"]
    assert refs == ["actor:houthis"]


# ---------------------------------------------------------------- recaps
def test_capture_during_a_campaign_with_no_date_is_a_recap(nlp):
    text = ("وتأتي هذه التطورات بعد نحو شهر من بدء قوات النظام حملة عسكرية واسعة على ريف إدلب، "
            "سيطرت خلالها على مدينة خان شيخون وعشرات القرى.")
    doc = nlp(text, published="2019-08-25")
    assert not [e for e in doc.events if e.modality == "asserted" and "خان شيخون" in (e.location.name_ar or "")]


def test_areas_taken_under_a_series_of_agreements_is_a_recap(nlp):
    text = "والاتفاق هو الأخير ضمن سلسلة مشابهة سيطر النظام بموجبها على بلدات في ريف حمص الشمالي عقب انسحاب مقاتلي المعارضة."
    doc = nlp(text, published="2018-05-03")
    assert not [e for e in doc.events if e.modality == "asserted"]


def test_arrests_during_a_raid_yesterday_are_an_event(nlp):
    # one event, at the neighbourhood (placed at Mosul's coordinates): "بمدينة الموصل" contains it
    ev = at(nlp, "شنت قوات الأمن أمس حملة دهم في حي الميدان بمدينة الموصل اعتقلت خلالها عشرين مطلوبا.", "الميدان",
            published="2019-05-22")
    assert ev.sub_event_type == "Arrests"


def test_strikes_that_coincided_with_an_advance_refer_back(nlp):
    text = ("قتل عشرة من عناصر الحوثي بغارات لطائرات تحالف دعم الشرعية في مديرية حيس. "
            "وتزامنت الغارات مع تقدم جديد للجيش الوطني في مديرية ميدي.")
    doc = nlp(text, published="2018-05-03")
    assert not [e for e in doc.events if e.modality == "asserted" and e.event_type == "Explosions/Remote violence"
                and "ميدي" in (e.location.name_ar or "")]


def test_launcher_named_before_a_disruption_verb_is_actor2(nlp):
    text = "قالت الفرقة السادسة مشاة إن دفاعاتها تصدت لثلاث طائرات مسيرة أطلقتها قوات الدعم السريع وأسقطتها في مدينة الفاشر."
    doc = nlp(text, published="2024-06-10")
    for ev in doc.events:
        if ev.sub_event_type == "Disrupted weapons use":
            assert ev.actor1 is None or name(ev.actor1) != "Rapid Support Forces"


def test_suicide_bomber_from_a_group(nlp):
    ev = at(nlp, "قتل خمسة عناصر من قسد عندما فجر انتحاري من تنظيم داعش نفسه عند حاجز في بلدة ذيبان.", "ذيبان",
            published="2019-03-11")
    assert name(ev.actor1) == "Islamic State"


def test_us_regional_command_is_us_forces():
    from rasd.kb import load

    assert load(()).lookup("أفريكوم").actor_ids == ["actor:mil-us"]


def test_bare_army_is_the_local_army_even_after_a_foreign_air_force(nlp):
    text = ("استعاد الجيش العربي السوري السيطرة على بلدة القريتين بدعم من القوات الجوية الروسية. "
            "وتابعت وحدات الجيش تقدمها في محيط بلدة مهين واشتبكت مع مجموعات من تنظيم داعش.")
    ev = at(nlp, text, "مهين", published="2016-04-04")
    assert name(ev.actor1) == "Military Forces of Syria"


def test_nisba_of_the_target_after_ala_is_not_the_agent(nlp):
    ev = at(nlp, "سقطت قذائف على العاصمة السورية دمشق مساء اليوم.", "دمشق", published="2018-02-25")
    assert ev.actor1 is None or name(ev.actor1) != "Military Forces of Syria"


def test_verb_after_an_event_noun_with_no_agent_does_not_take_the_paragraph_agent(nlp):
    text = ("قتلت امرأة جراء قصف حكومي استهدف بلدة حمورية في الغوطة الشرقية. "
            "وتواصل سقوط قذائف على العاصمة دمشق، استهدف منطقة الدويلعة.")
    ev = at(nlp, text, "الدويلعة", published="2018-02-25")
    assert ev.actor1 is None or name(ev.actor1) != "Military Forces of Syria"


def test_strikes_named_by_nisba_without_a_place_stand_for_the_strikes_later(nlp):
    text = ("قتل أربعة مدنيين جراء غارات جوية تركية على إقليم كردستان. "
            "وأشار المراسل إلى أن الغارات استهدفت قرى حدودية في قضاء سيدكان.")
    ev = at(nlp, text, "سيدكان", published="2018-03-01")
    assert name(ev.actor1) == "Military Forces of Turkey"


def test_hashtag_names_are_recognised():
    from rasd import Pipeline

    doc = Pipeline()("أسقطت قوات #الجيش_اليمني طائرة مسيرة للحوثيين في الساحل الغربي.", published="2018-06-17")
    assert "actor:mil-ye" in [e.ref for e in doc.entities if e.type == "ACTOR"]


# ---------------------------------------------------------------- claims
def test_claimant_is_actor1_of_the_attack_with_no_actor(nlp):
    text = ("قتل عشرون شخصا في تفجير انتحاري بسيارة مفخخة عند نقطة تفتيش في مدينة مقديشو. "
            "وتبنت حركة الشباب الهجوم في بيان نشرته إذاعة الأندلس.")
    ev = at(nlp, text, "مقديشو", published="2018-11-10")
    assert name(ev.actor1) == "Al Shabaab"


def test_a_past_or_negated_claim_names_no_actor(nlp):
    text = ("قتل عشرون شخصا في تفجير انتحاري بسيارة مفخخة عند نقطة تفتيش في مدينة مقديشو. "
            "ولم تعلن أي جهة مسؤوليتها عن التفجير. وفي مايو الماضي، أعلنت حركة الشباب مسؤوليتها عن هجوم مماثل.")
    ev = at(nlp, text, "مقديشو", published="2018-11-10")
    assert ev.actor1 is None or name(ev.actor1) != "Al Shabaab"


def test_clashes_between_the_two_sides_named_before(nlp):
    text = ("شنت هيئة تحرير الشام حملة اعتقالات طالت قياديين في تنظيم حراس الدين بمدينة إدلب. "
            "وعلى إثر ذلك، اندلعت اشتباكات بين الطرفين في قرية عرب سعيد غربي إدلب.")
    ev = at(nlp, text, "عرب سعيد", published="2020-06-24")
    names = {name(ev.actor1)} | {a.name for a in ev.assoc_actor_1} | ({name(ev.actor2)} if ev.actor2 else set())
    assert {"Hayat Tahrir al-Sham", "Hurras al-Din"} <= names


def test_downed_drones_do_not_lend_their_launcher_as_agent(nlp):
    text = ("قصفت قوات الدعم السريع أحياء في مدينة الفاشر. وقالت الفرقة السادسة مشاة إن دفاعاتها تصدت "
            "لثلاث طائرات مسيرة أطلقتها قوات الدعم السريع باتجاه مقر القيادة في مدينة الفاشر وأسقطتها جميعا.")
    doc = nlp(text, published="2024-06-11")
    for ev in doc.events:
        if ev.sub_event_type == "Disrupted weapons use":
            assert ev.actor1 is None or name(ev.actor1) != "Rapid Support Forces"


# ---------------------------------------------------------------- weapons named with a nisba
def test_nisba_of_the_aircraft_subject_names_the_attacker(nlp):
    ev = at(nlp, "شنت مقاتلات حربية روسية خمس غارات على محيط بلدة كفرعويد في جبل الزاوية.", "كفرعويد")
    assert name(ev.actor1) == "Military Forces of Russia"


def test_fire_from_a_drone_with_a_nisba_after_the_victims(nlp):
    ev = at(nlp, 'قتل عنصران من "قوات سوريا الديمقراطية" (قسد)، مساء أمس، بقصف من طائرة مسيرة تركية '
                 'استهدف دراجتهما قرب بلدة تل تمر بريف الحسكة.', "تل تمر")
    assert name(ev.actor1) == "Military Forces of Turkey"
    assert name(ev.actor2) == "Syrian Democratic Forces"


def test_hedged_nisba_of_a_drone(nlp):
    ev = at(nlp, "قتل مسلحان بغارة من طائرة مسيرة يرجح أنها أمريكية، استهدفت سيارتهما في مديرية الصومعة بمحافظة البيضاء.",
            "الصومعة")
    assert name(ev.actor1) == "Military Forces of the United States"


def test_source_of_the_shells_is_the_agent(nlp):
    ev = at(nlp, "سقطت قذائف مدفعية مصدرها قوات النظام على بلدة قسطون في ريف حماة الغربي.", "قسطون")
    assert name(ev.actor1) == "Military Forces of Syria"


def test_bulldozers_of_the_occupation_demolish(nlp):
    ev = at(nlp, "هدمت جرافات الاحتلال الإسرائيلي ثلاثة منازل في قرية أم الخير جنوب الخليل.", "أم الخير")
    assert name(ev.actor1) == "Military Forces of Israel"


# ---------------------------------------------------------------- tribes
def test_fighters_from_the_tribes_are_a_tribal_militia(nlp):
    ev = at(nlp, "هاجم مقاتلون من العشائر حاجزا لقسد في بلدة ذيبان بريف دير الزور الشرقي.", "ذيبان")
    assert name(ev.actor1) == "Tribal Militia (Syria)"


def test_a_feud_between_two_clans_is_a_clash(nlp):
    ev = at(nlp, "قتل ثلاثة أشخاص في نزاع عشائري اندلع بين عشيرتين في قضاء الزبير بمحافظة البصرة.", "الزبير")
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert name(ev.actor1) == "Tribal Militia (Iraq)"


def test_the_group_victims_are_suspected_of_belonging_to_is_not_the_attacker(nlp):
    ev = at(nlp, "وفي محافظة أبين، قتل مسلحان يشتبه بانتمائهما لتنظيم القاعدة بغارة من طائرة مسيرة يعتقد أنها "
                 "أمريكية، استهدفت سيارتهما في مديرية مودية.", "مودية")
    assert name(ev.actor1) == "Military Forces of the United States"


def test_a_verb_with_a_pronoun_is_not_a_taa_marbuta_noun(nlp):
    doc = nlp("وقعت قوة من الجيش ومسلحون محليون في مدينة سبها الليبية اتفاقا رعاه وجهاء المنطقة.", published="2023-05-10")
    assert not [e for e in doc.entities if e.type == "ACTOR" and e.text == "رعاه"]


def test_air_defence_named_without_the_state_is_its_military(nlp):
    ev = at(nlp, "أسقطت وسائط الدفاع الجوي فجر اليوم طائرة مسيرة أطلقها مسلحون باتجاه مدينة السقيلبية بريف حماة.",
            "السقيلبية")
    assert name(ev.actor1) == "Military Forces of Syria"


def test_fighters_from_a_named_group_between_is_actor1(nlp):
    ev = at(nlp, "دارت اشتباكات بين مقاومين من كتيبة جنين وقوات الاحتلال الإسرائيلي في بلدة قباطية جنوب جنين.", "قباطية")
    assert name(ev.actor1) == "Jenin Brigade"
    assert name(ev.actor2) == "Military Forces of Israel"


def test_two_factions_between_named_with_a_dual(nlp):
    ev = at(nlp, 'اندلعت اشتباكات بين فصيلي "الجبهة الشامية" و"فرقة الحمزة" في مدينة الباب بريف حلب.', "الباب")
    assert name(ev.actor1) == "Levant Front"


def test_security_administration_announcing_arrests_is_the_police(nlp):
    ev = at(nlp, "وأعلنت إدارة أمن لحج اعتقال ثلاثة مطلوبين في حملة مداهمات شنتها في مدينة الحوطة.", "الحوطة")
    assert name(ev.actor1) == "Police Forces of Yemen"


def test_a_force_from_the_national_security_service_arrests(nlp):
    ev = at(nlp, "اعتقلت قوة من جهاز الأمن الوطني مطلوبين اثنين في قضاء الفلوجة بمحافظة الأنبار.", "الفلوجة")
    assert name(ev.actor1) == "Police Forces of Iraq"


def test_members_opening_a_reported_clause_are_its_subject(nlp):
    ev = at(nlp, "وقال شهود بأن عناصر الدعم السريع اقتحموا السوق وأحرقوا متاجر في حي الثورة بمدينة أم درمان.", "الثورة")
    assert name(ev.actor1) == "Rapid Support Forces"


def test_farmers_killed_before_the_attack_verb_make_it_an_attack_on_civilians(nlp):
    ev = at(nlp, "قتل ثلاثة رعاة، صباح اليوم، على يد مسلحين من الدعم السريع هاجموا قرية كبكابية في شمال دارفور.", "كبكابية")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert name(ev.actor2) == "Civilians (Sudan)"


def test_a_houthi_attack_named_by_the_nisba(nlp):
    ev = at(nlp, "صدت قوات الجيش الوطني هجوما حوثيا على مواقعها في مديرية الوازعية غربي تعز.", "الوازعية")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"


def test_gunmen_from_a_clan_are_a_tribal_militia(nlp):
    ev = at(nlp, "هاجم مسلحون من عشيرة آل فتلة دورية للشرطة في قضاء المشخاب بمحافظة النجف العراقية.", "المشخاب")
    assert name(ev.actor1) == "Tribal Militia (Iraq)"


def test_a_doctor_killed_by_gunmen_is_a_civilian(nlp):
    ev = at(nlp, "قتل مسلحون مجهولون طبيبا أمام منزله في مدينة سبها الليبية.", "سبها")
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert name(ev.actor1) == "Unidentified Armed Group (Libya)"


def test_displaced_people_who_protest_are_the_protesters_only(nlp):
    ev = at(nlp, "نظم عشرات النازحين وقفة احتجاجية أمام مقر المنظمة في مخيم عطمة بريف إدلب.", "عطمة")
    assert name(ev.actor1) == "Protesters (Syria)"
    assert ev.actor2 is None


# ---------------------------------------------------------------- units the KB does not name
def test_a_numbered_infantry_unit_is_the_state_forces(nlp):
    ev = at(nlp, "أعلن اللواء 17 مشاة استعادة السيطرة على بلدة أم روابة في ولاية شمال كردفان.", "أم روابة")
    assert name(ev.actor1) == "Military Forces of Sudan"


def test_a_numbered_unit_after_a_named_army_is_that_army(nlp):
    doc = nlp("انتشرت الكتيبة 116 التابعة للجيش الوطني الليبي في مدينة أوباري. "
              "واعتقلت الكتيبة 210 مشاة ثلاثة مطلوبين في مدينة مرزق.", published="2023-05-10")
    units = [e for e in doc.entities if e.type == "ACTOR" and "210" in e.text]
    assert units and units[0].ref == "actor:lna"


def test_the_islamic_resistance_claiming_in_lebanon_is_hezbollah(nlp):
    ev = at(nlp, "قصف الجيش الإسرائيلي أطراف بلدة الخيام جنوب لبنان. وأعلنت المقاومة الإسلامية في بيان استهداف "
                 "ثكنة زرعيت بالأسلحة الصاروخية.", "زرعيت")
    assert name(ev.actor1) == "Hezbollah"


def test_an_sdf_military_council_fighting_pro_turkish_factions(nlp):
    ev = at(nlp, "دارت اشتباكات بين مقاتلي مجلس تل تمر العسكري والفصائل الموالية لتركيا قرب قرية أم الكيف بريف الحسكة.",
            "أم الكيف")
    assert name(ev.actor1) == "Syrian Democratic Forces"
    assert name(ev.actor2) == "Syrian National Army"


# ---------------------------------------------------------------- e-articles (actors3)
def test_actor_after_a_strike_noun_is_its_agent_not_a_victim(nlp):
    ev = at(nlp, "قتل خمسة مدنيين جراء استهداف طائرات النظام بلدة كفرنبل ببراميل متفجرة.", "كفرنبل")
    assert name(ev.actor1) == "Military Forces of Syria"


def test_wounded_before_a_cause_word_are_the_victims(nlp):
    ev = at(nlp, 'أصيب أربعة عناصر من "فيلق الشام" بجروح، جراء انفجار لغم أرضي بسيارتهم قرب بلدة الأتارب غرب حلب.',
            "الأتارب")
    assert ev.actor1 is None
    assert name(ev.actor2) == "Faylaq al-Sham"


def test_libyan_arab_armed_forces_are_the_lna(nlp):
    ev = at(nlp, "قالت القوات المسلحة العربية الليبية إن مقاتلاتها قصفت تمركزات في مدينة غريان.", "غريان")
    assert name(ev.actor1) == "Libyan National Army"


def test_counter_terrorism_service_in_an_iraqi_story(nlp):
    ev = at(nlp, "اعتقل جهاز مكافحة الإرهاب خمسة مطلوبين في قضاء الفلوجة، فيما قصف الجيش العراقي مواقع لداعش "
                 "في صحراء الأنبار.", "الفلوجة")
    assert name(ev.actor1) == "Military Forces of Iraq"


def test_forces_named_by_a_non_state_spokesman_are_his_side(nlp):
    ev = at(nlp, "قال المتحدث باسم القوات المسلحة العميد يحيى سريع إن القوة الصاروخية قصفت تجمعات في مديرية "
                 "صرواح بمحافظة مأرب.", "صرواح")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"


def test_generic_forces_in_a_non_state_spokesman_sentence_are_his_side(nlp):
    ev = at(nlp, "قال المتحدث باسم القوات المسلحة العميد يحيى سريع إن وحدات الدفاع الجوي أسقطت طائرة تجسس في "
                 "أجواء مديرية صرواح بمحافظة مأرب.", "صرواح")
    assert name(ev.actor1) == "Houthis (Ansar Allah)"


def test_regional_state_police(nlp):
    ev = at(nlp, "قالت الشرطة في بونتلاند إنها اعتقلت ثلاثة مشتبه بهم في مدينة قرطو.", "قرطو")
    assert name(ev.actor1) == "Police Forces of Puntland"


def test_partitive_with_an_adjective_before_the_group_is_the_subject(nlp):
    ev = at(nlp, "هاجمت مجموعة مسلحة من حركة الشباب قرية بولو مرير في إقليم شبيلي السفلى وأحرقت عددا من المنازل.",
            "بولو")
    assert name(ev.actor1) == "Al Shabaab"


def test_tripoli_protection_force_is_known(nlp):
    ev = at(nlp, "ونقلت قوة حماية طرابلس مقرها الرئيسي إلى معسكر في منطقة جنزور، بحسب بيان لها.", "جنزور")
    assert name(ev.actor1) == "Tripoli Protection Force"
