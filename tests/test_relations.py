"""Relation rules, one test per rule, on sentences written for these tests in the style of
wire reports. Each asserts what must be found and, where the rule exists to prevent it,
what must not."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def rels():
    from rasd import Pipeline

    p = Pipeline()

    def run(text: str, published: str = "2024-03-10") -> set[tuple[str, str, str]]:
        doc = p.extract(text, published=published)
        return {(r.type, r.source.name, r.target.name) for r in doc.relations}

    return run


def _has(found, rtype, src, tgt) -> bool:
    """Like the evaluation: names compared by containment, case-insensitively."""
    src, tgt = src.lower(), tgt.lower()
    return any(t == rtype and (src in s.lower() or s.lower() in src) and (tgt in g.lower() or g.lower() in tgt)
               for t, s, g in found)


# -------------------------------------------------------------- mentions that state a relation
def test_mention_with_supporter_inside(rels):
    found = rels("وأعلنت جماعة الحوثي المدعومة من إيران أنها أسقطت طائرة مسيرة فوق مأرب.")
    assert _has(found, "supports", "Iran", "Houthis")


def test_mention_that_is_an_armed_wing(rels):
    found = rels("وقالت كتائب القسام، الجناح العسكري لحركة حماس، إنها استهدفت دبابة في رفح.")
    assert _has(found, "member_of", "Qassam", "Hamas")


def test_mention_with_leader_inside(rels):
    found = rels("وشنت طائرات التحالف بقيادة السعودية غارات على مواقع في صعدة.")
    assert _has(found, "leads", "Saudi Arabia", "Saudi-led Coalition")


# ---------------------------------------------------------------------------- pronouns
def test_pronoun_in_the_same_clause_is_the_nearest_actor(rels):
    found = rels("وتقدمت القوات التركية والفصائل السورية الموالية لها نحو بلدة تل رفعت شمال حلب.")
    assert _has(found, "allied_with", "Syrian opposition armed groups", "Military Forces of Turkey")


def test_resumptive_pronoun_skips_an_actor_governed_by_a_preposition(rels):
    found = rels("وقاتلت عصائب أهل الحق في المعارك إلى جانب الجيش العراقي، وهي منضوية رسميا في هيئة الحشد الشعبي.")
    assert _has(found, "member_of", "Asaib Ahl al-Haq", "Popular Mobilization Forces")
    assert not _has(found, "member_of", "Military Forces of Iraq", "Popular Mobilization Forces")


def test_plural_pronoun_across_a_comma_never_refers_to_a_state(rels):
    found = rels("ويقاتل عناصر لواء فاطميون في ريف حلب الجنوبي منذ سنوات، وتعد إيران الممول الأول لهم.")
    assert _has(found, "supports", "Iran", "Fatemiyoun")


def test_object_pronoun_of_an_opinion_verb(rels):
    found = rels("وتقاتل وحدات حماية الشعب في منبج، وتعتبرها أنقرة امتدادا لحزب العمال الكردستاني.")
    assert _has(found, "affiliated_with", "YPG", "Kurdistan Workers")
    assert not _has(found, "affiliated_with", "Turkey", "Kurdistan Workers")


def test_the_actor_holding_an_opinion_is_not_the_source(rels):
    found = rels("وتعتبر أنقرة وحدات حماية الشعب امتدادا لحزب العمال الكردستاني.")
    assert _has(found, "affiliated_with", "YPG", "Kurdistan Workers")
    assert not _has(found, "affiliated_with", "Turkey", "Kurdistan Workers")


# ----------------------------------------------------------------------------- appositions
def test_apposition_alliance_supported_by_a_capital(rels):
    found = rels("وتقدمت قوات سوريا الديمقراطية، وهي تحالف فصائل عربية وكردية مدعوم من واشنطن، في ريف دير الزور الشرقي.")
    assert _has(found, "supports", "United States", "Syrian Democratic Forces")


def test_apposition_coalition_among_which(rels):
    found = rels("ورفضت الجبهة الوطنية للتحرير، تحالف فصائل معارضة بينها فيلق الشام، الانسحاب من خطوط التماس.")
    assert _has(found, "member_of", "Faylaq al-Sham", "National Front for Liberation")


def test_generic_group_replaced_by_the_groups_it_counts(rels):
    found = rels("واتهمت منظمات حقوقية فصائل مسلحة حليفة لإيران، بينها كتائب حزب الله، بقصف المتظاهرين في بغداد.")
    assert _has(found, "allied_with", "Kataib Hezbollah", "Iran")
    assert not any(s.lower().startswith("opposition") for _t, s, _g in found)


# --------------------------------------------------------------------------------- leads
def test_leader_in_a_relative_clause(rels):
    found = rels("وأعلنت قوات الدعم السريع، التي يقودها محمد حمدان دقلو، سيطرتها على مدينة نيالا.")
    assert _has(found, "leads", "Dagalo", "Rapid Support Forces")


def test_verb_object_subject_order(rels):
    found = rels("ويقود الحركة الشعبية لتحرير السودان - شمال عبد العزيز الحلو منذ انقسامها عام 2017.")
    assert _has(found, "leads", "al-Hilu", "SPLM-N")


def test_title_group_rank_person(rels):
    found = rels("وقال رئيس المجلس العسكري الانتقالي في السودان الفريق أول عبد الفتاح البرهان إن الانتخابات ستجرى خلال تسعة أشهر.")
    assert _has(found, "leads", "al-Burhan", "Transitional Military Council")


def test_title_of_another_office_is_not_leadership(rels):
    found = rels("وقال رئيس وزراء الاحتلال بنيامين نتنياهو إن عملية جيش الاحتلال الإسرائيلي في رفح ستستمر.")
    assert not _has(found, "leads", "Netanyahu", "Military Forces of Israel")


# ------------------------------------------------------------------------------ member_of
def test_spokesman_with_rank(rels):
    found = rels("وأكد المتحدث العسكري باسم جماعة الحوثي، العميد يحيى سريع، استهداف سفينة في البحر الأحمر.")
    assert _has(found, "member_of", "Yahya Saree", "Houthis")


def test_subordinate_unit_is_a_member(rels):
    found = rels("وانتشرت قوات الدفاع الوطني التابعة للجيش السوري في أحياء مدينة حماة.")
    assert _has(found, "member_of", "National Defence Forces", "Military Forces of Syria")
    assert not _has(found, "affiliated_with", "National Defence Forces", "Military Forces of Syria")


def test_coalition_that_includes(rels):
    found = rels("وكان جيش الفتح، الذي يضم حركة أحرار الشام وجبهة النصرة، قد سيطر على مدينة جسر الشغور.")
    assert _has(found, "member_of", "Ahrar al-Sham", "Jaish al-Fatah")
    assert _has(found, "member_of", "Jabhat al-Nusra", "Jaish al-Fatah")


def test_joining_does_not_cross_a_relative_clause(rels):
    found = rels("ويقود القوات أبو عاقلة كيكل القائد السابق في الدعم السريع الذي انشق عنها قبل أشهر وانضم إلى الجيش السوداني.")
    assert not _has(found, "member_of", "Rapid Support Forces", "Military Forces of Sudan")


# ----------------------------------------------------------------- loyalty: group vs state
def test_loyal_to_a_group_is_affiliation(rels):
    found = rels("وقتل عناصر من ولاية سيناء الموالية لتنظيم داعش في اشتباك مع الجيش المصري قرب العريش.")
    assert _has(found, "affiliated_with", "Sinai", "Islamic State")
    assert not _has(found, "allied_with", "Sinai", "Islamic State")


def test_loyal_to_a_state_is_alliance(rels):
    found = rels("واشتبكت قوات سوريا الديمقراطية مع الفصائل الموالية لتركيا قرب بلدة عين عيسى.")
    assert _has(found, "allied_with", "Syrian National Army", "Turkey")
    assert not _has(found, "affiliated_with", "Syrian National Army", "Turkey")


# --------------------------------------------------------------------------------- supports
def test_with_support_from(rels):
    found = rels("وتقدمت قوات النظام بدعم من الطيران الروسي نحو بلدة كفرنبل جنوب إدلب.")
    assert _has(found, "supports", "Military Forces of Russia", "Military Forces of Syria")


def test_with_support_from_needs_a_direct_target(rels):
    found = rels("وقصفت قوات النظام مواقع الفصائل المسلحة بدعم من الطيران الروسي في جبل الزاوية.")
    assert not any(t == "supports" and "opposition" in g.lower() for t, _s, g in found)


def test_accused_of_supporting(rels):
    found = rels("وتتهم واشنطن طهران بدعم الحوثيين بالصواريخ والطائرات المسيرة.")
    assert _has(found, "supports", "Iran", "Houthis")
    assert not _has(found, "supports", "Houthis", "Iran")


def test_second_name_with_its_own_clause_is_not_coordinated(rels):
    found = rels("وتتقاسم المحافظة قوات النظام المدعومة من روسيا وقوات سوريا الديمقراطية التي تدعمها واشنطن.")
    assert _has(found, "supports", "Russia", "Military Forces of Syria")
    assert _has(found, "supports", "United States", "Syrian Democratic Forces")
    assert not _has(found, "supports", "Syrian Democratic Forces", "Military Forces of Syria")


def test_country_after_fi_is_a_place(rels):
    found = rels("وتنشط وحدات حماية الشعب في سوريا وتلقت دعما من واشنطن خلال المعارك.")
    assert _has(found, "supports", "United States", "YPG")
    assert not any("Syria" == s or "Syria" == g for _t, s, g in found)


def test_nationality_adjective_is_not_a_state(rels):
    found = rels("وبدأت تركيا هجوما على عفرين بدعم من فصائل سورية موالية لها.")
    assert not _has(found, "supports", "Syria", "Turkey")


def test_trained_by(rels):
    found = rels("وشاركت قوات دنب الخاصة التي تدربها الولايات المتحدة في الهجوم على بلدة عيل بور.")
    assert _has(found, "supports", "United States", "Danab")


# ----------------------------------------------------------------- other types, other limits
def test_merger_needs_its_preposition(rels):
    found = rels("وبايع تنظيم أنصار الإسلام تنظيم القاعدة، فيما اندمج جيش الملاحم في حراس الدين عام 2018.")
    assert _has(found, "merged_into", "Jaish al-Malahim", "Hurras al-Din")
    assert not _has(found, "merged_into", "al-Qaeda", "Jaish al-Malahim")


def test_renamed_in_a_relative_clause(rels):
    found = rels("وقال تنظيم ولاية سيناء، الذي أعلن ولاءه لداعش بعد أن كان يعرف باسم أنصار بيت المقدس، إنه نفذ الهجوم.")
    assert _has(found, "renamed_from", "Sinai", "Ansar Bayt al-Maqdis")


def test_under_the_banner_of(rels):
    found = rels("وتقاتل جماعات معارضة تحت راية الجيش السوري الحر في ريف درعا الغربي.")
    assert any(t == "affiliated_with" and "opposition" in s.lower() and g == "Free Syrian Army" for t, s, g in found)


def test_related_definite_adjective_qualifies_the_noun_before_it(rels):
    found = rels("وقصف الجيش الصومالي مواقع للجماعات المتشددة المرتبطة بتنظيم القاعدة قرب بلدة جلب.")
    assert not _has(found, "affiliated_with", "Military Forces of Somalia", "al-Qaeda")


def test_a_building_is_not_a_headquarters(rels):
    found = rels("وفي عدن، تظاهر العشرات أمام مقر بعثة الأمم المتحدة للمطالبة بصرف الرواتب.")
    assert not any(t == "headquartered_in" for t, _s, _g in found)


def test_pocket_of_a_group_is_control(rels):
    found = rels("وقصفت الطائرات بلدة هجين، وهي أحد الجيوب الأخيرة لتنظيم داعش شرق الفرات.")
    assert any(t == "controls" and s == "Islamic State" for t, s, _g in found)


def test_control_of_power_in_a_city_is_not_control_of_the_city(rels):
    found = rels("وقال مسؤول محلي إن قوات الدعم السريع هي التي تسيطر على القرار في مدينة الفاشر.")
    assert not any(t == "controls" for t, _s, _g in found)


# ------------------------------------------------- words that stand for actors or hide them
def test_state_named_by_its_nisba_after_support(rels):
    found = rels("وتواصل قوات النظام بدعم جوي روسي هجومها على بلدات ريف حماة الشمالي.")
    assert _has(found, "supports", "Russia", "Military Forces of Syria")


def test_forces_loyal_to_a_known_person(rels):
    found = rels("واندلعت اشتباكات بين قوات حكومة الوفاق والقوات الموالية للمشير خليفة حفتر، المدعومة من الإمارات، جنوب طرابلس.")
    assert _has(found, "leads", "Khalifa Haftar", "Libyan National Army")
    assert _has(found, "supports", "United Arab Emirates", "Libyan National Army")


def test_pronoun_across_a_parenthetical_clause(rels):
    found = rels("وقالت مصادر إن الكتيبة 604، وهي مجموعة سلفية كانت تتبع حكومة الوفاق، أعلنت انضمامها إلى الجيش الوطني الليبي.")
    assert _has(found, "member_of", "604th Battalion", "Libyan National Army")
    assert not _has(found, "member_of", "Government of Libya", "Libyan National Army")


def test_army_named_for_a_known_non_state_commander(rels):
    found = rels("وأعلن القائد العام للجيش الليبي، المشير خليفة حفتر، بدء عملية عسكرية في الجنوب.")
    assert _has(found, "leads", "Khalifa Haftar", "Libyan National Army")
    assert not _has(found, "leads", "Khalifa Haftar", "Military Forces of Libya")


def test_adjective_of_alliance_after_a_leader_clause(rels):
    found = rels("وقصفت مواقع الحركة الشعبية لتحرير السودان - شمال بقيادة عبد العزيز الحلو، المتحالفة مع الدعم السريع، مدينة الدلنج.")
    assert _has(found, "allied_with", "SPLM-N", "Rapid Support Forces")


def test_control_with_an_adverb(rels):
    found = rels("وتسيطر قوات النظام حاليا على مدينة البوكمال في ريف دير الزور الشرقي.")
    assert any(t == "controls" and s == "Military Forces of Syria" for t, s, _g in found)


def test_verb_of_alliance(rels):
    found = rels("وتحالفت قوات الدعم السريع مع الحركة الشعبية لتحرير السودان - شمال في تحالف تأسيس.")
    assert _has(found, "allied_with", "Rapid Support Forces", "SPLM-N")


def test_receives_support_verb_first(rels):
    found = rels("وتتلقى جماعة الحوثي دعما عسكريا من إيران بحسب تقارير أممية.")
    assert _has(found, "supports", "Iran", "Houthis")


def test_allied_with_it_refers_to_the_group_before_the_coordination(rels):
    found = rels("وسيطرت هيئة تحرير الشام وفصائل المعارضة المتحالفة معها على مدينة حلب.")
    assert any(t == "allied_with" and {s, g} & {"Hayat Tahrir al-Sham"} and any("opposition" in x.lower() for x in (s, g))
               for t, s, g in found)


def test_a_state_branch_named_with_its_own_state_is_not_a_relation(rels):
    found = rels("وقصف الطيران الحربي التابع لجيش روسيا مواقع في ريف اللاذقية.")
    assert not any(t in ("member_of", "affiliated_with") for t, _s, _g in found)


def test_implicit_agent_of_an_operation(rels):
    found = rels("وأعلن الجيش الصومالي، اليوم الأحد، استعادة السيطرة على بلدة بولو مرير، أحد معاقل حركة الشباب، "
                 "بعد عملية عسكرية شنها إلى جانب ميليشيات معاويسلي بدعم من القيادة الأمريكية في أفريقيا.")
    assert _has(found, "supports", "United States", "Military Forces of Somalia")
    assert _has(found, "allied_with", "Military Forces of Somalia", "Macawisley")
    assert not any("Shabaab" in s or "Shabaab" in g for _t, s, g in found)


def test_implicit_agent_is_never_governed_by_a_preposition(rels):
    found = rels("وأعلنت القوات الأمريكية أنها قتلت قياديا في داعش خلال عملية نفذتها بالتعاون مع قوات سوريا الديمقراطية.")
    assert _has(found, "allied_with", "Military Forces of the United States", "Syrian Democratic Forces")
    assert not any("Islamic State" in (s, g) for _t, s, g in found)


def test_in_support_of_needs_a_direct_source(rels):
    found = rels("وقال مصدر إن الطيران نفذ غارات على مواقع المسلحين في إدلب دعما للجيش السوري.")
    assert not any(t == "supports" and "Unidentified" in s for t, s, _g in found)


def test_forces_loyal_to_a_titled_person(rels):
    found = rels("وقال مسؤول محلي إن المسلحين الموالين لأبي محمد الجولاني انتشروا في مدينة سرمدا.")
    assert _has(found, "leads", "al-Jolani", "Hayat Tahrir al-Sham")


# ------------------------------------------------- general coverage: one table for every type
# New sentences in the style of different outlets, none seen when the patterns were written:
# verb, masdar, participle, passive, apposition, relative clause, before and after the name;
# negatives are denials, refusals, hypotheticals and roles that state no relation. Accusations
# count as stated (as in test_accused_of_supporting) unless denied in the same sentence.
# Against the code before these rows' fixes: 22/65 passed.
COVERAGE = [
    # front_for
    ("وتعد هيئة تحرير الشام واجهة لجبهة النصرة بحسب تقارير غربية.", ("front_for", "Hayat Tahrir al-Sham", "Nusra")),
    ("وتقول الحكومة إن عصائب أهل الحق تستخدم سرايا الخراساني واجهة لهجماتها.", ("front_for", "Khorasani", "Asaib")),
    ("واستخدم تنظيم القاعدة هيئة تحرير الشام واجهة له في إدلب.", ("front_for", "Hayat Tahrir al-Sham", "al-Qaeda")),
    ("ويرى مراقبون أن هيئة تحرير الشام ليست سوى واجهة جديدة لجبهة النصرة.", ("front_for", "Hayat Tahrir al-Sham", "Nusra")),
    ("وأكدت الاستخبارات أن كتائب حزب الله تتخذ من حركة النجباء واجهة لعملياتها.", ("front_for", "Nujaba", "Kataib Hezbollah")),
    # affiliated_with
    ("وتبنت ولاية سيناء، فرع تنظيم داعش في مصر، الهجوم على الكمين.", ("affiliated_with", "Sinai", "Islamic State")),
    ("وينتمي تنظيم الدولة في الصومال إلى تنظيم داعش الأم.", ("affiliated_with", "Islamic State (Somalia)", "Islamic State")),
    ("وتتبع حركة الشباب فكريا وتنظيميا لتنظيم القاعدة.", ("affiliated_with", "Shabaab", "al-Qaeda")),
    ("وهاجم مسلحو تنظيم الدولة في ليبيا، المرتبط بداعش، حاجزا قرب سبها.", ("affiliated_with", "Islamic State (Libya)", "Islamic State")),
    ("وتعد حركة الشباب الصومالية ذراع تنظيم القاعدة في شرق أفريقيا.", ("affiliated_with", "Shabaab", "al-Qaeda")),
    # member_of
    ("وقصفت سرايا القدس، الجناح المسلح لحركة الجهاد الإسلامي، مستوطنات غلاف غزة.", ("member_of", "Quds", "Islamic Jihad")),
    ("وقال بيان لعصائب أهل الحق المنضوية ضمن الحشد الشعبي إنها صدت الهجوم.", ("member_of", "Asaib", "Popular Mobilization")),
    ("ويضم الحشد الشعبي فصائل عدة أبرزها منظمة بدر وكتائب حزب الله.", ("member_of", "Badr", "Popular Mobilization")),
    ("وتنضوي ألوية العمالقة في إطار القوات المشتركة في الساحل الغربي.", ("member_of", "Giants", "Joint Forces")),
    ("وقال مسؤول في الحشد الشعبي إن منظمة بدر لا علاقة لها بالهجوم.", None),
    ("وتعد قوات الحزام الأمني جزءا من المجلس الانتقالي الجنوبي.", ("member_of", "Security Belt", "Southern Transitional")),
    # pledged_allegiance
    ("وكانت جماعة أنصار بيت المقدس قد أعلنت مبايعتها لتنظيم داعش عام 2014.", ("pledged_allegiance", "Ansar Bayt al-Maqdis", "Islamic State")),
    ("وجددت حركة الشباب بيعتها لتنظيم القاعدة في تسجيل مصور.", ("pledged_allegiance", "Shabaab", "al-Qaeda")),
    ("وبايعت جماعة المرابطون تنظيم القاعدة في بلاد المغرب الإسلامي.", ("pledged_allegiance", "Murabitun", "al-Qaeda")),
    ("وأعلن مجلس شورى مجاهدي درنة ولاءه لتنظيم القاعدة بحسب مصادر محلية.", ("pledged_allegiance", "Derna", "al-Qaeda")),
    ("ونفت حركة الشباب مبايعة تنظيم داعش.", None),
    # merged_into
    ("وأعلنت حركة نور الدين الزنكي اندماجها في هيئة تحرير الشام.", ("merged_into", "Zinki", "Hayat Tahrir al-Sham")),
    ("وذابت كتائب أبو العباس في ألوية العمالقة بعد اندماجها فيها.", ("merged_into", "Abu al-Abbas", "Giants")),
    ("واندمجت جبهة فتح الشام مع فصائل أخرى لتشكيل هيئة تحرير الشام.", ("merged_into", "Fateh al-Sham", "Hayat Tahrir al-Sham")),
    ("وأعلن جيش الإسلام حل نفسه ودمج مقاتليه في الجيش الوطني السوري.", ("merged_into", "Jaish al-Islam", "Syrian National Army")),
    ("ورفضت حركة أحرار الشام الاندماج مع هيئة تحرير الشام.", None),
    # renamed_from
    ("وغيرت جبهة النصرة اسمها إلى جبهة فتح الشام عام 2016.", ("renamed_from", "Fateh al-Sham", "Nusra")),
    ("وشنت جبهة فتح الشام، جبهة النصرة سابقا، هجوما على مواقع النظام.", ("renamed_from", "Fateh al-Sham", "Nusra")),
    ("وأعلنت جبهة النصرة تغيير اسمها لتصبح جبهة فتح الشام.", ("renamed_from", "Fateh al-Sham", "Nusra")),
    ("وتنشط ولاية سيناء، المعروفة سابقا باسم أنصار بيت المقدس، في شمال سيناء.", ("renamed_from", "Sinai", "Ansar Bayt al-Maqdis")),
    ("وكانت هيئة تحرير الشام تعرف سابقا بجبهة النصرة.", ("renamed_from", "Hayat Tahrir al-Sham", "Nusra")),
    # supports
    ("وتقدم إيران الدعم العسكري لجماعة الحوثي منذ سنوات.", ("supports", "Iran", "Houthi")),
    pytest.param(*("وتتلقى قوات الدعم السريع أسلحة من الإمارات بحسب تقرير أممي.", ("supports", "United Arab Emirates", "Rapid Support")), marks=pytest.mark.xfail(reason="'الإمارات' alone is only a place to the recognisers", strict=True)),
    ("وتمول إيران حزب الله اللبناني بمئات الملايين سنويا.", ("supports", "Iran", "Hezbollah")),
    ("وتسلح تركيا الجيش الوطني السوري وتدربه.", ("supports", "Turkey", "Syrian National Army")),
    pytest.param(*("وشن الجيش الوطني الليبي المدعوم إماراتيا هجوما على طرابلس.", ("supports", "United Arab Emirates", "Libyan National Army")), marks=pytest.mark.xfail(reason="a nisba adverb ('إماراتيا') is no state mention", strict=True)),
    ("ونفت إيران تقديم أي دعم لجماعة الحوثي.", None),
    ("وتتهم الحكومة السودانية الإمارات بتسليح قوات الدعم السريع، وهو ما تنفيه أبوظبي.", None),
    # allied_with
    ("ويقاتل حزب الله جنبا إلى جنب مع قوات النظام السوري في ريف حلب.", ("allied_with", "Hezbollah", "Syria")),
    ("وأعلنت قوات الدعم السريع تحالفها مع الحركة الشعبية لتحرير السودان شمال.", ("allied_with", "Rapid Support", "SPLM-N")),
    ("ووقعت حركة حماس وحركة الجهاد الإسلامي اتفاق تحالف في غزة.", ("allied_with", "Hamas", "Islamic Jihad")),
    ("وتقاتل القوة المشتركة لحركات الكفاح المسلح في صف الجيش السوداني ضد الدعم السريع.", ("allied_with", "Joint Force", "Sudan")),
    ("ونفى الجيش الوطني الليبي أي تحالف مع قوات فاغنر الروسية.", None),
    # ideologically_close
    ("وتعد حركة حسم قريبة فكريا من جماعة الإخوان المسلمين.", ("ideologically_close", "Hasm", "Muslim Brotherhood")),
    ("وتتبنى حركة حماس فكر جماعة الإخوان المسلمين.", ("ideologically_close", "Hamas", "Muslim Brotherhood")),
    ("وتتقارب هيئة تحرير الشام أيديولوجيا مع تنظيم القاعدة.", ("ideologically_close", "Hayat Tahrir al-Sham", "al-Qaeda")),
    ("وتشترك حركة الشباب مع تنظيم القاعدة في الأيديولوجيا ذاتها.", ("ideologically_close", "Shabaab", "al-Qaeda")),
    # leads
    ("ويتزعم أبو محمد الجولاني هيئة تحرير الشام منذ تأسيسها.", ("leads", "Jolani", "Hayat Tahrir al-Sham")),
    ("وقال زعيم جماعة الحوثي عبد الملك الحوثي في خطاب متلفز إن الهجمات ستستمر.", ("leads", "Abdul-Malik al-Houthi", "Houthi")),
    ("وأكد قائد قوات الدعم السريع محمد حمدان دقلو أن قواته لن تنسحب.", ("leads", "Dagalo", "Rapid Support")),
    ("وظهر أمير تنظيم داعش أبو بكر البغدادي في تسجيل مصور.", ("leads", "Baghdadi", "Islamic State")),
    ("وتتمركز قوات المقاومة الوطنية بقيادة طارق صالح في المخا.", ("leads", "Tareq Saleh", "National Resistance")),
    ("وقال الأمين العام لحزب الله حسن نصر الله إن الرد قادم.", ("leads", "Nasrallah", "Hezbollah")),
    ("وقال المتحدث باسم حركة حماس حازم قاسم إن الاحتلال يتحمل المسؤولية.", None),
    # headquartered_in
    ("وتتخذ حركة الشباب من منطقة جلب مقرا لقيادتها.", ("headquartered_in", "Shabaab", "جلب")),
    pytest.param(*("ويقع مقر قيادة الجيش الوطني الليبي في الرجمة شرق بنغازي.", ("headquartered_in", "Libyan National Army", "Rajma")), marks=pytest.mark.xfail(reason="the gazetteer lacks الرجمة", strict=True)),
    ("وتعد مدينة إدلب معقل هيئة تحرير الشام.", ("headquartered_in", "Hayat Tahrir al-Sham", "Idlib")),
    ("ويتمركز المجلس الانتقالي الجنوبي في عدن التي يتخذها مقرا له.", ("headquartered_in", "Southern Transitional", "Aden")),
    # controls
    ("وتسيطر حركة الشباب على مساحات واسعة من جنوب الصومال.", None),
    ("وتخضع مدينة الفاشر لسيطرة قوات الدعم السريع منذ أشهر.", ("controls", "Rapid Support", "Fasher")),
    ("وباتت بلدة سراقب تحت سيطرة هيئة تحرير الشام.", ("controls", "Hayat Tahrir al-Sham", "Saraqib")),
    ("وتحكم جماعة الحوثي قبضتها على مدينة صنعاء منذ عام 2014.", ("controls", "Houthi", "Sanaa")),
    ("وبسطت قوات الدعم السريع سيطرتها على مدينة ود مدني أمس.", None),
    ("وتبسط قوات سوريا الديمقراطية سيطرتها على مدينة الرقة.", ("controls", "Syrian Democratic Forces", "Raqqa")),
    ("وسعت قوات الدعم السريع للسيطرة على مدينة الأبيض دون جدوى.", None),
]


@pytest.mark.parametrize("sentence,expected", COVERAGE)
def test_coverage(rels, sentence, expected):
    found = rels(sentence)
    if expected is None:
        assert not found, found
    else:
        assert _has(found, *expected), found


# A second table, written after the first one's fixes and measured before its own (20/30, then
# 29/30): the first table had been tuned on, this one had not.
COVERAGE2 = [
    ("وأعلنت ميليشيات معوسلي، المدعومة من الحكومة الصومالية، استعادة قرية قرب بلدوين.", ("supports", "Somalia", "Macawisley")),
    ("وتحظى قوات الحزام الأمني بدعم إماراتي واسع.", ("supports", "United Arab Emirates", "Security Belt")),
    ("وتوفر إيران السلاح والتدريب لكتائب حزب الله العراقية.", ("supports", "Iran", "Kataib Hezbollah")),
    ("واتهمت الحكومة اليمنية إيران بتزويد الحوثيين بالصواريخ الباليستية.", ("supports", "Iran", "Houthi")),
    pytest.param("وقال الجيش الأمريكي إن منظمة بدر تتلقى تمويلا إيرانيا.", ("supports", "Iran", "Badr"),
                 marks=pytest.mark.xfail(reason="a nisba adverb ('إيرانيا') is no state mention", strict=True)),
    ("وكانت هيئة تحرير الشام قد تشكلت من اندماج جبهة فتح الشام وحركة نور الدين الزنكي.", ("merged_into", "Fateh al-Sham", "Hayat Tahrir al-Sham")),
    ("وأعلنت ألوية العمالقة ضم كتائب أبو العباس إلى صفوفها.", ("member_of", "Abu al-Abbas", "Giants")),
    ("وتعمل كتائب حزب الله تحت مظلة الحشد الشعبي.", ("member_of", "Kataib Hezbollah", "Popular Mobilization")),
    ("وشاركت في الهجوم منظمة بدر المنضوية في الحشد الشعبي.", ("member_of", "Badr", "Popular Mobilization")),
    ("وتتألف القوة المشتركة لحركات الكفاح المسلح من حركة العدل والمساواة وحركة تحرير السودان جناح مناوي.", ("member_of", "Justice and Equality", "Joint Force")),
    ("وقال قائد منظمة بدر هادي العامري إن الحشد لن يحل.", ("leads", "Amiri", "Badr")),
    ("وأعلنت كتائب حزب الله، بزعامة أبو مهدي المهندس، النفير العام.", ("leads", "Muhandis", "Kataib Hezbollah")),
    ("وتأتمر عصائب أهل الحق بأوامر زعيمها قيس الخزعلي.", ("leads", "Khazali", "Asaib")),
    ("وخرج زعيم التيار الصدري مقتدى الصدر بتصريح جديد.", None),
    ("وقال المتحدث باسم قوات الدعم السريع إن قواته صدت الهجوم.", None),
    ("ويتخذ الحوثيون من صعدة معقلا رئيسيا لهم.", ("headquartered_in", "Houthi", "Sa'dah")),
    ("وتتمركز قيادة حركة الشباب في مدينة جلب بإقليم جوبا الوسطى.", None),
    ("وكان تنظيم الدولة في ليبيا يتخذ من سرت معقلا له قبل طرده منها.", ("headquartered_in", "Islamic State (Libya)", "Sirte")),
    ("وجبهة فتح الشام هو الاسم الجديد لجبهة النصرة بعد فك ارتباطها بالقاعدة.", ("renamed_from", "Fateh al-Sham", "Nusra")),
    ("وأعادت حركة حسم تسمية نفسها باسم لواء الثورة.", ("renamed_from", "Liwa al-Thawra", "Hasm")),
    ("وتقاتل قوات درع السودان إلى جانب الجيش السوداني في ولاية الجزيرة.", ("allied_with", "Sudan Shield", "Sudan")),
    ("وتربط حزب الله علاقة تحالف وثيقة مع حركة أمل.", ("allied_with", "Hezbollah", "Amal")),
    ("ونفت حركة حماس أي ارتباط لها بتنظيم داعش.", None),
    ("ولا علاقة لتنظيم الدولة في الصومال بحركة الشباب بحسب الخبراء.", None),
    ("وقد تنضم الحركة الشعبية لتحرير السودان شمال إلى تحالف تأسيس إذا وافقت قيادتها.", None),
    ("وتسيطر قوات سوريا الديمقراطية على مدينة الحسكة منذ سنوات.", ("controls", "Syrian Democratic Forces", "asakah")),
    ("وتبقى مدينة مأرب تحت سيطرة القوات الحكومية اليمنية.", ("controls", "Yemen", "Ma'rib")),
    ("وأعلنت جماعة أنصار بيت المقدس بيعتها لأبي بكر البغدادي.", ("pledged_allegiance", "Ansar Bayt al-Maqdis", "Islamic State")),
    ("وتعد حركة الشباب الفرع الصومالي لتنظيم القاعدة.", ("affiliated_with", "Shabaab", "al-Qaeda")),
    ("وتنشط خلايا تابعة لتنظيم داعش في البادية السورية.", None),
]


@pytest.mark.parametrize("sentence,expected", COVERAGE2)
def test_coverage_second_round(rels, sentence, expected):
    found = rels(sentence)
    if expected is None:
        assert not found, found
    else:
        assert _has(found, *expected), found


# A third table, measured before its fixes too (7/15, then 9/15; the misses left are the
# recognisers' and the knowledge base's, marked xfail).
COVERAGE3 = [
    pytest.param(*("وهاجمت مجموعة من قوات الدعم السريع بقيادة اللواء عثمان عمليات مواقع الجيش في أم درمان.", ("leads", "عثمان عمليات", "Rapid Support")),
                 marks=pytest.mark.xfail(reason="the recognisers miss the person after 'بقيادة اللواء'", strict=True)),
    pytest.param(*("وقال قائد لواء دنب العقيد أحمد علي إن قواته طردت مسلحي الشباب.", ("leads", "أحمد علي", "Danab")),
                 marks=pytest.mark.xfail(reason="the recognisers miss the person after 'العقيد'", strict=True)),
    pytest.param(*("وقتل أمير تنظيم الدولة في الصومال عبد القادر مؤمن في غارة.", ("leads", "عبد القادر مؤمن", "Islamic State (Somalia)")),
                 marks=pytest.mark.xfail(reason="a person after a bare title must be in the knowledge base (names run on)", strict=True)),
    pytest.param(*("وأكد زعيم حركة تحرير السودان عبد الواحد محمد نور رفضه للمفاوضات.", ("leads", "عبد الواحد", "SLM")),
                 marks=pytest.mark.xfail(reason="the group's mention swallows its leader's name", strict=True)),
    ("وقال عبد الملك الحوثي، زعيم جماعة أنصار الله، إن العمليات مستمرة.", ("leads", "Abdul-Malik al-Houthi", "Houthi")),
    ("وقال الناطق باسم كتائب القسام أبو عبيدة إن المقاومة أسرت جنودا.", ("member_of", "Abu Obeida", "Qassam")),
    ("وأعلنت سرايا السلام المنضوية تحت لواء الحشد الشعبي انسحابها من سامراء.", ("member_of", "Saraya al-Salam", "Popular Mobilization")),
    pytest.param(*("وتضم غرفة عمليات الفتح المبين فصائل أبرزها هيئة تحرير الشام والجبهة الوطنية للتحرير.", ("member_of", "National Front", "Fateh al-Mubin")),
                 marks=pytest.mark.xfail(reason="the knowledge base lacks the operations room", strict=True)),
    ("وحركة أنصار الله هو الاسم الرسمي لجماعة الحوثي.", None),
    ("وتعد طهران الداعم الرئيسي لحركة الجهاد الإسلامي في غزة.", ("supports", "Iran", "Islamic Jihad")),
    pytest.param(*("وأرسلت تركيا مستشارين عسكريين وطائرات مسيرة دعما لحكومة الوفاق الوطني.", ("supports", "Turkey", "Government of National Accord")),
                 marks=pytest.mark.xfail(reason="the knowledge base names the GNA 'Government of Libya'", strict=True)),
    ("وتتخذ قوات الدعم السريع من مدينة نيالا عاصمة لإدارتها الموازية.", ("headquartered_in", "Rapid Support", "Nyala")),
    ("وقالت مصادر إن حركة الشباب قد تتحالف مع تنظيم الدولة في الصومال.", None),
    ("وتسيطر قوات الدعم السريع على معظم ولايات دارفور.", None),
    ("وتعتبر منظمة بدر من أقرب الفصائل إلى إيران.", None),
]

@pytest.mark.parametrize("sentence,expected", COVERAGE3)
def test_coverage_third_round(rels, sentence, expected):
    found = rels(sentence)
    if expected is None:
        assert not found, found
    else:
        assert _has(found, *expected), found
